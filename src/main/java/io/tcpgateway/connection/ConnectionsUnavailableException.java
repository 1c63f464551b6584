package io.tcpgateway.connection;

/**
 * Thrown when the connections of other gateways cannot be reached, such as when the
 * cluster's directory is away.
 */
public class ConnectionsUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected ConnectionsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
