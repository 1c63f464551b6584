package io.tcpgateway.server;

import java.net.InetAddress;

/**
 * The TCP listener could not be started, typically because its port is in use.
 */
class TcpListenerStartupException extends RuntimeException {

	private final int port;

	TcpListenerStartupException(int port, InetAddress host, Throwable cause) {
		super("TCP gateway could not listen on " + ((host != null) ? host.getHostAddress() : "*") + ":" + port
				+ " (tcp-gateway.port)" + ((cause != null) ? ": " + cause.getMessage() : ""), cause);
		this.port = port;
	}

	/**
	 * @return the configured port
	 */
	int getPort() {
		return this.port;
	}

}
