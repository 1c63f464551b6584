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
import io.tcpgateway.metrics.GatewayMeters;

/**
 * The bridge's meters, {@code tcp.gateway.forward.*}, each registered up front and tagged
 * with the mode.
 */
final class MicrometerForwardTcpMetrics implements ForwardTcpMetrics {

	private final MeterRegistry registry;

	private final Tags tags;

	private final Map<Error, Counter> errors = new EnumMap<>(Error.class);

	private final Counter connects;

	private final Counter sent;

	private final Counter received;

	private final Timer replyLatency;

	MicrometerForwardTcpMetrics(MeterRegistry registry, ForwardTcpMode mode) {
		this.registry = registry;
		this.tags = Tags.of(GatewayMeters.MODE, EnumNames.kebabCase(mode));
		for (Error reason : Error.values()) {
			this.errors.put(reason,
					Counter.builder(GatewayMeters.FORWARD_ERRORS)
						.tags(this.tags)
						.tag(GatewayMeters.REASON, EnumNames.kebabCase(reason))
						.register(registry));
		}
		this.connects = Counter.builder(GatewayMeters.FORWARD_CONNECTS).tags(this.tags).register(registry);
		this.sent = Counter.builder(GatewayMeters.FORWARD_MESSAGES_SENT).tags(this.tags).register(registry);
		this.received = Counter.builder(GatewayMeters.FORWARD_MESSAGES_RECEIVED).tags(this.tags).register(registry);
		this.replyLatency = Timer.builder(GatewayMeters.FORWARD_REPLY_LATENCY).tags(this.tags).register(registry);
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
		Gauge.builder(GatewayMeters.FORWARD_CONNECTIONS_ACTIVE, connections, IntSupplier::getAsInt)
			.tags(this.tags)
			.register(this.registry);
	}

}
