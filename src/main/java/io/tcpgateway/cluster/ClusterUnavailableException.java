package io.tcpgateway.cluster;

/**
 * Redis cannot be reached, so a cluster operation could not be carried out.
 */
public class ClusterUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ClusterUnavailableException(String why, Throwable cause) {
		super("Redis unreachable: " + why, cause);
	}

}
