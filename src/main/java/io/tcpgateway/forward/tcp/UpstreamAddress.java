package io.tcpgateway.forward.tcp;

/**
 * One configured upstream entry, {@code host:port}: a name or address literal (an IPv6
 * literal in brackets) and a port.
 *
 * @param host the name or address as configured, without brackets
 * @param port the TCP port
 */
record UpstreamAddress(String host, int port) {

	/**
	 * @param entry {@code host:port}, or {@code [v6-address]:port}
	 * @return the entry
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	static UpstreamAddress parse(String entry) {
		if (entry == null || entry.isBlank()) {
			throw new IllegalArgumentException("an upstream must be host:port, not blank");
		}
		String trimmed = entry.trim();
		int colon = trimmed.lastIndexOf(':');
		if (colon <= 0 || colon == trimmed.length() - 1) {
			throw new IllegalArgumentException("an upstream must be host:port, not '" + trimmed + "'");
		}
		String host = trimmed.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.contains(":")) {
			throw new IllegalArgumentException(
					"an IPv6 upstream must be written [address]:port, not '" + trimmed + "'");
		}
		int port;
		try {
			port = Integer.parseInt(trimmed.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("the port of upstream '" + trimmed + "' is not a number");
		}
		if (host.isBlank() || port < 1 || port > 65535) {
			throw new IllegalArgumentException(
					"an upstream must be host:port with a port between 1 and 65535, not '" + trimmed + "'");
		}
		return new UpstreamAddress(host, port);
	}

	@Override
	public String toString() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}
