package io.tcpgateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.server.CommonTags;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Counts and times the gateway's traffic with Micrometer when a meter registry is
 * present; without one the gateway counts nothing and reads no clock for metrics.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnTcpGatewayEnabled
public class TcpGatewayMetricsAutoConfiguration {

	@Bean
	ConnectionMetrics tcpGatewayConnectionMetrics(ObjectProvider<MeterRegistry> meterRegistry,
			TcpGatewayProperties properties) {
		MeterRegistry registry = meterRegistry.getIfAvailable();
		return (registry != null) ? new MicrometerConnectionMetrics(registry, tags(properties))
				: ConnectionMetrics.NONE;
	}

	@Bean
	ConnectionGauges tcpGatewayConnectionGauges(ConnectionRegistry registry, MemoryBudgets memoryBudgets,
			AccessLog accessLog, TcpGatewayProperties properties) {
		return new ConnectionGauges(registry, memoryBudgets, accessLog, tags(properties));
	}

	@Bean
	ServerGauges tcpGatewayServerGauges(GatewayServer server, ConnectionRegistry registry,
			ObjectProvider<ApplicationAvailability> availability, TcpGatewayProperties properties) {
		return new ServerGauges(server, registry, availability.getIfAvailable(),
				properties.getSelector().getStallTimeout(), tags(properties));
	}

	/** Every meter is tagged with the I/O mode and the framing. */
	private static Tags tags(TcpGatewayProperties properties) {
		return Tags.of(CommonTags.of(properties));
	}

}
