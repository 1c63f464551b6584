package io.tcpgateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Derives a node id from the host name and the TCP port, as a Redis channel name may
 * carry it.
 */
final class NodeIds {

	private NodeIds() {
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
