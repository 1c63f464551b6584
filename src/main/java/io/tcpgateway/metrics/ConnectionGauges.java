package io.tcpgateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.logging.DroppingAsyncAppender;

/**
 * The gauges of the live connections: how many are open, the reply bytes waiting across
 * them, and the heap held for their incomplete frames, each with its budget; and the log
 * lines dropped.
 */
final class ConnectionGauges implements MeterBinder {

	private final ConnectionRegistry registry;

	private final Tags tags;

	private final MemoryBudgets budgets;

	private final AccessLog accessLog;

	ConnectionGauges(ConnectionRegistry registry, MemoryBudgets budgets, AccessLog accessLog, Tags tags) {
		this.registry = registry;
		this.budgets = budgets;
		this.accessLog = accessLog;
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
		Gauge.builder(GatewayMeters.INBOUND_BUFFERED, this.budgets.inbound(), MemoryBudget::held)
			.description("Heap held for frames not yet received whole, across connections")
			.baseUnit("bytes")
			.tags(this.tags)
			.register(meterRegistry);
		// the limits as gauges, so that an alert or a panel compares with the configured
		// budget rather than a copy of it
		Gauge.builder(GatewayMeters.INBOUND_BUFFERED_LIMIT, this.budgets.inbound(), MemoryBudget::limit)
			.description("The budget tcp-gateway.max-buffered-bytes")
			.baseUnit("bytes")
			.tags(this.tags)
			.register(meterRegistry);
		Gauge.builder(GatewayMeters.OUTBOUND_PENDING_LIMIT, this.budgets.outbound(), MemoryBudget::limit)
			.description("The budget tcp-gateway.outbound.max-pending-total")
			.baseUnit("bytes")
			.tags(this.tags)
			.register(meterRegistry);
		FunctionCounter.builder(GatewayMeters.ACCESS_LOG_DROPPED, this.accessLog, AccessLog::droppedCount)
			.description("Access log lines dropped because the log appender could not keep up")
			.tags(this.tags)
			.register(meterRegistry);
		FunctionCounter.builder(GatewayMeters.LOG_DROPPED, this, (gauges) -> DroppingAsyncAppender.droppedCount())
			.description("Log lines dropped because the log output could not keep up")
			.tags(this.tags)
			.register(meterRegistry);
	}

}
