package io.tcpgateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Derives a node id from the host name and the TCP port, as a Redis channel name may
 * carry it, and tells a node id read from Redis from anything else found there.
 */
final class NodeIds {

	/**
	 * What a node id may be: what {@link #derive} makes, and what the validator allows.
	 */
	private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** How much of a value that is no node id goes into a log line. */
	private static final int MAX_LOGGED = 80;

	private NodeIds() {
	}

	static boolean isValid(String nodeId) {
		return nodeId != null && NODE_ID.matcher(nodeId).matches();
	}

	/**
	 * @return a value that is no node id as a log line may carry it: quoted, its
	 * characters outside printable ASCII escaped, at most {@value #MAX_LOGGED} of them
	 */
	static String quote(String value) {
		StringBuilder quoted = new StringBuilder("'");
		for (int i = 0; i < Math.min(value.length(), MAX_LOGGED); i++) {
			char c = value.charAt(i);
			if (c >= ' ' && c <= '~' && c != '\\' && c != '\'') {
				quoted.append(c);
			}
			else {
				quoted.append(String.format("\\u%04x", (int) c));
			}
		}
		quoted.append('\'');
		if (value.length() > MAX_LOGGED) {
			quoted.append("... (").append(value.length()).append(" characters)");
		}
		return quoted.toString();
	}

	static String derive(int port) {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "gateway";
			}
		}
		String safe = host.replaceAll("[^A-Za-z0-9._-]", "-");
		if (safe.length() > 56) {
			safe = safe.substring(0, 56);
		}
		return safe + "-" + port;
	}

}
