package io.tcpgateway.handler;

import java.nio.charset.StandardCharsets;

/**
 * One frame received on a connection: its payload, without the framing, and the
 * connection it came from.
 */
public final class TcpRequest {

	private final byte[] payload;

	private final TcpConnectionContext connection;

	public TcpRequest(byte[] payload, TcpConnectionContext connection) {
		this.payload = payload;
		this.connection = connection;
	}

	/**
	 * @return the payload bytes, exactly as received
	 */
	public byte[] payload() {
		return this.payload;
	}

	/**
	 * @return the payload decoded as UTF-8
	 */
	public String asString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/**
	 * @return the connection the frame came from
	 */
	public TcpConnectionContext connection() {
		return this.connection;
	}

}
