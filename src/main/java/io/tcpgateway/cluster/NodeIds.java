package io.tcpgateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import io.tcpgateway.logging.LogSafe;

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
	 * @return a value that is no node id as a log line may carry it: quoted and escaped,
	 * at most {@value #MAX_LOGGED} characters of it
	 */
	static String quote(String value) {
		return LogSafe.quote(value, MAX_LOGGED);
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
