package io.tcpgateway.metrics;

/**
 * Names and tags of the gateway's meters; Prometheus shows them as {@code tcp_gateway_*}.
 */
public final class GatewayMeters {

	/** Prefix of every meter. */
	public static final String PREFIX = "tcp.gateway";

	/** Gauge: connections open now. */
	public static final String CONNECTIONS_ACTIVE = PREFIX + ".connections.active";

	/** Counter: connections accepted and admitted. */
	public static final String CONNECTIONS_OPENED = PREFIX + ".connections.opened";

	/** Counter: connections closed, tagged with {@link #REASON}. */
	public static final String CONNECTIONS_CLOSED = PREFIX + ".connections.closed";

	/** Counter: connections refused, tagged with {@link #REASON}. */
	public static final String CONNECTIONS_REJECTED = PREFIX + ".connections.rejected";

	/** Counter: frames rejected by the decoder, tagged with {@link #REASON}. */
	public static final String FRAME_ERRORS = PREFIX + ".frame.errors";

	/** Tag: why a connection was closed or refused, or a frame rejected. */
	public static final String REASON = "reason";

	/** Tag: the I/O mode. */
	public static final String IO_MODE = "io.mode";

	/** Tag: the framing. */
	public static final String FRAMING = "framing";

	private GatewayMeters() {
	}

}
