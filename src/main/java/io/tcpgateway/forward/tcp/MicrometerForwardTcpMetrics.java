package io.tcpgateway.forward.tcp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tcpgateway.connection.EnumNames;

/**
 * The bridge's meters, {@code tcp.gateway.forward.*}, each registered up front and tagged
 * with the mode.
 */
final class MicrometerForwardTcpMetrics implements ForwardTcpMetrics {

	/**
	 * Counter: failures of the bridges to a backend, tagged with {@link #REASON}: for the
	 * upstream TCP service {@code connect}, {@code unavailable}, {@code timeout},
	 * {@code closed}, {@code unexpected}; for the HTTP service {@code status},
	 * {@code connect}, {@code timeout}, {@code io}.
	 */
	static final String FORWARD_ERRORS = "tcp.gateway.forward.errors";

	/** Counter: connections opened to the upstream TCP service. */
	static final String FORWARD_CONNECTS = "tcp.gateway.forward.connects";

	/** Gauge: connections to the upstream TCP service open now. */
	static final String FORWARD_CONNECTIONS_ACTIVE = "tcp.gateway.forward.connections.active";

	/** Counter: frames written to the upstream TCP service. */
	static final String FORWARD_MESSAGES_SENT = "tcp.gateway.forward.messages.sent";

	/** Counter: frames received from the upstream TCP service. */
	static final String FORWARD_MESSAGES_RECEIVED = "tcp.gateway.forward.messages.received";

	/** Timer: in shared mode, from a request written upstream to its reply. */
	static final String FORWARD_REPLY_LATENCY = "tcp.gateway.forward.reply.latency";

	/** Tag: the bridge's mode, {@code per-connection} or {@code shared}. */
	static final String MODE = "mode";

	static final String REASON = "reason";

	private final MeterRegistry registry;

	private final Tags tags;

	private final Map<Error, Counter> errors = new EnumMap<>(Error.class);

	private final Counter connects;

	private final Counter sent;

	private final Counter received;

	private final Timer replyLatency;

	MicrometerForwardTcpMetrics(MeterRegistry registry, ForwardTcpMode mode) {
		this.registry = registry;
		this.tags = Tags.of(MODE, EnumNames.kebabCase(mode));
		for (Error reason : Error.values()) {
			this.errors.put(reason,
					Counter.builder(FORWARD_ERRORS)
						.tags(this.tags)
						.tag(REASON, EnumNames.kebabCase(reason))
						.register(registry));
		}
		this.connects = Counter.builder(FORWARD_CONNECTS).tags(this.tags).register(registry);
		this.sent = Counter.builder(FORWARD_MESSAGES_SENT).tags(this.tags).register(registry);
		this.received = Counter.builder(FORWARD_MESSAGES_RECEIVED).tags(this.tags).register(registry);
		this.replyLatency = Timer.builder(FORWARD_REPLY_LATENCY).tags(this.tags).register(registry);
	}

	@Override
	public void error(Error reason) {
		this.errors.get(reason).increment();
	}

	@Override
	public void connected() {
		this.connects.increment();
	}

	@Override
	public void sent() {
		this.sent.increment();
	}

	@Override
	public void received() {
		this.received.increment();
	}

	@Override
	public void replied(long nanos) {
		this.replyLatency.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void watch(IntSupplier connections) {
		Gauge.builder(FORWARD_CONNECTIONS_ACTIVE, connections, IntSupplier::getAsInt)
			.tags(this.tags)
			.register(this.registry);
	}

}
