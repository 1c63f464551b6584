package io.tcpgateway.cluster;

import io.tcpgateway.connection.ConnectionsUnavailableException;

/**
 * Redis cannot be reached, so a cluster operation could not be carried out.
 */
public class ClusterUnavailableException extends ConnectionsUnavailableException {

	private static final long serialVersionUID = 1L;

	ClusterUnavailableException(String why, Throwable cause) {
		super("Redis unreachable: " + why, cause);
	}

}
