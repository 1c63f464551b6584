package io.tcpgateway.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

/**
 * The gauges of the listener and its event loops: whether the gateway takes new clients,
 * and how many loops are stuck. Health says the same to a probe; these let an alert rule
 * see it over time, from the scrape it already has.
 */
final class ServerGauges implements MeterBinder {

	private final GatewayServer server;

	private final ConnectionRegistry registry;

	/**
	 * The application's readiness, or {@code null} without Spring Boot's availability.
	 */
	private final ApplicationAvailability availability;

	private final Duration stallTimeout;

	private final Tags tags;

	ServerGauges(GatewayServer server, ConnectionRegistry registry, ApplicationAvailability availability,
			Duration stallTimeout, Tags tags) {
		this.server = server;
		this.registry = registry;
		this.availability = availability;
		this.stallTimeout = stallTimeout;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		Gauge.builder(GatewayMeters.READY, this, (gauges) -> gauges.isReady() ? 1 : 0)
			.description("1 while the gateway takes new clients: ready for traffic, listening, not draining")
			.tags(this.tags)
			.register(meterRegistry);
		// asked on each scrape, on the scraping thread, as the liveness probe asks: a
		// stuck loop cannot be asked for itself
		Gauge
			.builder(GatewayMeters.EVENT_LOOPS_STALLED, this,
					(gauges) -> gauges.server.controls().stalledLoops(gauges.stallTimeout).size())
			.description("Event loops whose current pass has run longer than tcp-gateway.selector.stall-timeout")
			.tags(this.tags)
			.register(meterRegistry);
	}

	private boolean isReady() {
		boolean accepting = this.availability == null
				|| this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		return accepting && this.server.isListening() && !this.registry.isDraining();
	}

}
