package io.tcpgateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpgateway.connection.ConnectionRegistry;

/**
 * The gauges of the live connections: how many are open, and the reply bytes waiting
 * across them.
 */
final class ConnectionGauges implements MeterBinder {

	private final ConnectionRegistry registry;

	private final Tags tags;

	ConnectionGauges(ConnectionRegistry registry, Tags tags) {
		this.registry = registry;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		Gauge.builder(GatewayMeters.CONNECTIONS_ACTIVE, this.registry, ConnectionRegistry::size)
			.description("Connections open now")
			.tags(this.tags)
			.register(meterRegistry);
		Gauge.builder(GatewayMeters.OUTBOUND_PENDING, this.registry, ConnectionRegistry::pendingBytes)
			.description("Reply bytes waiting to be written, across connections")
			.baseUnit("bytes")
			.tags(this.tags)
			.register(meterRegistry);
	}

}
