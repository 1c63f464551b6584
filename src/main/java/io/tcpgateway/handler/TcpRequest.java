package io.tcpgateway.handler;

import java.nio.charset.StandardCharsets;

import io.micrometer.observation.Observation;

/**
 * One frame received on a connection: its payload, without the framing, and the
 * connection it came from.
 */
public final class TcpRequest {

	private final byte[] payload;

	private final TcpConnectionContext connection;

	private final Observation observation;

	/**
	 * A request that is not observed.
	 * @param payload the payload bytes
	 * @param connection the connection the frame came from
	 */
	public TcpRequest(byte[] payload, TcpConnectionContext connection) {
		this(payload, connection, Observation.NOOP);
	}

	/**
	 * @param payload the payload bytes
	 * @param connection the connection the frame came from
	 * @param observation the request's observation ({@code tcp.gateway.request}), or
	 * {@link Observation#NOOP}
	 */
	public TcpRequest(byte[] payload, TcpConnectionContext connection, Observation observation) {
		this.payload = payload;
		this.connection = connection;
		this.observation = observation;
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

	/**
	 * The request's observation ({@code tcp.gateway.request}), {@link Observation#NOOP}
	 * when the gateway does not observe. It is current while
	 * {@link TcpMessageHandler#handle} runs; a handler that answers later from its own
	 * threads ({@link ReplySink#async()}) opens its scope there
	 * ({@code observation().openScope()}), or names it as the parent of its own
	 * observations, so that its work, its logs and its calls to other services join the
	 * request's trace.
	 * @return the request's observation, never {@code null}
	 */
	public Observation observation() {
		return this.observation;
	}

}
