package io.tcpgateway.metrics;

import io.tcpgateway.server.CommonTags;

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

	/** Counter: frames received. */
	public static final String MESSAGES_RECEIVED = PREFIX + ".messages.received";

	/** Counter: replies and pushed messages sent. */
	public static final String MESSAGES_SENT = PREFIX + ".messages.sent";

	/** Counter: bytes read from clients. */
	public static final String DATA_RECEIVED = PREFIX + ".data.received";

	/** Counter: bytes written to clients. */
	public static final String DATA_SENT = PREFIX + ".data.sent";

	/** Gauge: reply bytes waiting to be written, across connections. */
	public static final String OUTBOUND_PENDING = PREFIX + ".outbound.pending";

	/**
	 * Gauge: heap held for frames not yet received whole, across connections; the budget
	 * {@code tcp-gateway.max-buffered-bytes} bounds it.
	 */
	public static final String INBOUND_BUFFERED = PREFIX + ".inbound.buffered";

	/**
	 * Gauge: the budget {@code tcp-gateway.max-buffered-bytes}, the most
	 * {@link #INBOUND_BUFFERED} may reach.
	 */
	public static final String INBOUND_BUFFERED_LIMIT = PREFIX + ".inbound.buffered.limit";

	/**
	 * Gauge: the budget {@code tcp-gateway.outbound.max-pending-total}, the most
	 * {@link #OUTBOUND_PENDING} may reach.
	 */
	public static final String OUTBOUND_PENDING_LIMIT = PREFIX + ".outbound.pending.limit";

	/**
	 * Gauge: 1 while the gateway takes new clients (ready for traffic, listening, not
	 * draining), 0 otherwise.
	 */
	public static final String READY = PREFIX + ".ready";

	/**
	 * Gauge: event loops whose current pass has run longer than
	 * {@code tcp-gateway.selector.stall-timeout}; their connections are not served.
	 */
	public static final String EVENT_LOOPS_STALLED = PREFIX + ".event-loops.stalled";

	/**
	 * Timer: from a request's arrival to its last reply being handed to its connection.
	 */
	public static final String REPLY_LATENCY = PREFIX + ".reply.latency";

	/**
	 * Counter: requests that had no reply within the reply timeout and count as answered.
	 */
	public static final String REPLY_TIMEOUTS = PREFIX + ".reply.timeouts";

	/** Counter: access log lines dropped because the log appender could not keep up. */
	public static final String ACCESS_LOG_DROPPED = PREFIX + ".access-log.dropped";

	/** Counter: log lines dropped because the log output could not keep up. */
	public static final String LOG_DROPPED = PREFIX + ".log.dropped";

	/** Counter: heartbeats written to quiet connections. */
	public static final String HEARTBEATS_SENT = PREFIX + ".heartbeats.sent";

	/**
	 * Counter: times a connection used its message or byte rate and stopped being read
	 * for a while.
	 */
	public static final String READS_THROTTLED = PREFIX + ".reads.throttled";

	/** Tag: why a connection was closed or refused, or a frame rejected. */
	public static final String REASON = "reason";

	/** Tag: the I/O mode. */
	public static final String IO_MODE = CommonTags.IO_MODE;

	/** Tag: the framing. */
	public static final String FRAMING = CommonTags.FRAMING;

	private GatewayMeters() {
	}

}
