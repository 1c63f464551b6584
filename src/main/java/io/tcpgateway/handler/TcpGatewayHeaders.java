package io.tcpgateway.handler;

/**
 * Headers the application's flow may set on a reply for the gateway.
 */
public final class TcpGatewayHeaders {

	/**
	 * On a reply: a key (a {@code String}) or keys (a {@code Collection<String>}) to bind
	 * to the request's connection, as {@link TcpConnectionContext#bind(String)} does;
	 * bound before the reply is sent.
	 */
	public static final String BIND = "tcp_gateway_bind";

	private TcpGatewayHeaders() {
	}

}
