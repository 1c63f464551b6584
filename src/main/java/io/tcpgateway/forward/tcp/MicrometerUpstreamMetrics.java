package io.tcpgateway.forward.tcp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * One upstream's meters, named by {@link MicrometerForwardTcpMetrics} and tagged with the
 * mode and the upstream; removed when re-resolution drops the upstream.
 */
final class MicrometerUpstreamMetrics implements UpstreamMetrics {

	private final MeterRegistry registry;

	private final List<Meter> meters = new ArrayList<>();

	private final Map<ForwardTcpMetrics.Error, Counter> errors = new EnumMap<>(ForwardTcpMetrics.Error.class);

	private final Counter connects;

	private final Counter sent;

	private final Counter received;

	private final Counter bytesSent;

	private final Counter bytesReceived;

	private final Timer replyLatency;

	MicrometerUpstreamMetrics(MeterRegistry registry, Tags tags, IntSupplier connections, IntSupplier up,
			Function<ForwardTcpMetrics.Error, Counter> errorCounter) {
		this.registry = registry;
		for (ForwardTcpMetrics.Error reason : ForwardTcpMetrics.Error.values()) {
			Counter counter = errorCounter.apply(reason);
			if (counter != null) {
				this.errors.put(reason, keep(counter));
			}
		}
		this.connects = keep(
				Counter.builder(MicrometerForwardTcpMetrics.FORWARD_CONNECTS).tags(tags).register(registry));
		this.sent = keep(
				Counter.builder(MicrometerForwardTcpMetrics.FORWARD_MESSAGES_SENT).tags(tags).register(registry));
		this.received = keep(
				Counter.builder(MicrometerForwardTcpMetrics.FORWARD_MESSAGES_RECEIVED).tags(tags).register(registry));
		this.bytesSent = keep(Counter.builder(MicrometerForwardTcpMetrics.FORWARD_DATA_SENT)
			.baseUnit("bytes")
			.tags(tags)
			.register(registry));
		this.bytesReceived = keep(Counter.builder(MicrometerForwardTcpMetrics.FORWARD_DATA_RECEIVED)
			.baseUnit("bytes")
			.tags(tags)
			.register(registry));
		this.replyLatency = keep(
				Timer.builder(MicrometerForwardTcpMetrics.FORWARD_REPLY_LATENCY).tags(tags).register(registry));
		keep(Gauge.builder(MicrometerForwardTcpMetrics.FORWARD_CONNECTIONS_ACTIVE, connections, IntSupplier::getAsInt)
			.tags(tags)
			.strongReference(true)
			.register(registry));
		keep(Gauge.builder(MicrometerForwardTcpMetrics.FORWARD_UPSTREAM_UP, up, IntSupplier::getAsInt)
			.tags(tags)
			.strongReference(true)
			.register(registry));
	}

	private <M extends Meter> M keep(M meter) {
		this.meters.add(meter);
		return meter;
	}

	@Override
	public void error(ForwardTcpMetrics.Error reason) {
		Counter counter = this.errors.get(reason);
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void connected() {
		this.connects.increment();
	}

	@Override
	public void sent(int bytes) {
		this.sent.increment();
		this.bytesSent.increment(bytes);
	}

	@Override
	public void received(int bytes) {
		this.received.increment();
		this.bytesReceived.increment(bytes);
	}

	@Override
	public void replied(long nanos) {
		this.replyLatency.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void close() {
		this.meters.forEach(this.registry::remove);
	}

}
