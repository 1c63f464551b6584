package io.tcpgateway.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.connection.EnumNames;
import io.tcpgateway.framing.FrameDecodingException;

/**
 * Counts connection events with Micrometer; every counter is registered up front, so
 * counting is one increment with no lookup.
 */
final class MicrometerConnectionMetrics implements ConnectionMetrics {

	private final Counter opened;

	private final Map<CloseReason, Counter> closed;

	private final Map<CloseReason, Counter> rejected;

	private final Map<FrameDecodingException.Reason, Counter> frameErrors;

	private final Counter messagesReceived;

	private final Counter messagesSent;

	private final Counter bytesReceived;

	private final Counter bytesSent;

	private final Counter heartbeatsSent;

	private final Counter replyTimeouts;

	private final Counter readsThrottled;

	/**
	 * The reply-latency timer, or {@code null} when disabled: then no clock is read for
	 * it.
	 */
	private final Timer replyLatency;

	MicrometerConnectionMetrics(MeterRegistry registry, Tags tags) {
		this.opened = Counter.builder(GatewayMeters.CONNECTIONS_OPENED)
			.description("Connections accepted and admitted")
			.tags(tags)
			.register(registry);
		this.closed = countersByReason(CloseReason.class, CloseReason::tagValue, GatewayMeters.CONNECTIONS_CLOSED,
				"Connections closed, by reason", registry, tags);
		this.rejected = new EnumMap<>(CloseReason.class);
		for (CloseReason reason : List.of(CloseReason.LIMIT, CloseReason.RATE)) {
			this.rejected.put(reason,
					Counter.builder(GatewayMeters.CONNECTIONS_REJECTED)
						.description("Connections refused, by reason")
						.tags(tags)
						.tag(GatewayMeters.REASON, reason.tagValue())
						.register(registry));
		}
		this.messagesReceived = counter(GatewayMeters.MESSAGES_RECEIVED, "Frames received", null, registry, tags);
		this.messagesSent = counter(GatewayMeters.MESSAGES_SENT, "Replies and pushed messages sent", null, registry,
				tags);
		this.bytesReceived = counter(GatewayMeters.DATA_RECEIVED, "Bytes read from clients", "bytes", registry, tags);
		this.bytesSent = counter(GatewayMeters.DATA_SENT, "Bytes written to clients", "bytes", registry, tags);
		this.heartbeatsSent = counter(GatewayMeters.HEARTBEATS_SENT, "Heartbeats written to quiet connections", null,
				registry, tags);
		this.replyTimeouts = counter(GatewayMeters.REPLY_TIMEOUTS,
				"Requests that had no reply within the reply timeout and count as answered", null, registry, tags);
		this.readsThrottled = counter(GatewayMeters.READS_THROTTLED,
				"Times a connection used its message or byte rate and was not read for a while", null, registry, tags);
		this.frameErrors = countersByReason(FrameDecodingException.Reason.class, EnumNames::kebabCase,
				GatewayMeters.FRAME_ERRORS, "Frames rejected by the decoder, by reason", registry, tags);
		Timer timer = Timer.builder(GatewayMeters.REPLY_LATENCY)
			.description("From a request's arrival to its last reply being handed to its connection")
			.tags(tags)
			.register(registry);
		this.replyLatency = (timer instanceof NoopTimer) ? null : timer;
	}

	private static Counter counter(String name, String description, String unit, MeterRegistry registry, Tags tags) {
		return Counter.builder(name).description(description).baseUnit(unit).tags(tags).register(registry);
	}

	@Override
	public void received(long messages, long bytes) {
		if (messages > 0) {
			this.messagesReceived.increment(messages);
		}
		if (bytes > 0) {
			this.bytesReceived.increment(bytes);
		}
	}

	@Override
	public void sent(long messages, long bytes) {
		if (messages > 0) {
			this.messagesSent.increment(messages);
		}
		if (bytes > 0) {
			this.bytesSent.increment(bytes);
		}
	}

	@Override
	public void heartbeatSent() {
		this.heartbeatsSent.increment();
	}

	@Override
	public void repliesTimedOut(int requests) {
		this.replyTimeouts.increment(requests);
	}

	@Override
	public void readsThrottled() {
		this.readsThrottled.increment();
	}

	@Override
	public boolean timesReplies() {
		return this.replyLatency != null;
	}

	@Override
	public void replied(long nanos) {
		this.replyLatency.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void opened() {
		this.opened.increment();
	}

	@Override
	public void closed(CloseReason reason) {
		this.closed.get(reason).increment();
	}

	@Override
	public void rejected(CloseReason reason) {
		this.rejected.get(reason).increment();
	}

	@Override
	public void frameError(FrameDecodingException.Reason reason) {
		this.frameErrors.get(reason).increment();
	}

	private static <E extends Enum<E>> Map<E, Counter> countersByReason(Class<E> type, Function<E, String> tagValue,
			String name, String description, MeterRegistry registry, Tags tags) {
		Map<E, Counter> counters = new EnumMap<>(type);
		for (E reason : type.getEnumConstants()) {
			counters.put(reason,
					Counter.builder(name)
						.description(description)
						.tags(tags)
						.tag(GatewayMeters.REASON, tagValue.apply(reason))
						.register(registry));
		}
		return counters;
	}

}
