package io.tcpgateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.cluster.ClusterMetrics;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.EnumNames;
import io.tcpgateway.forward.http.ForwardMetrics;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Counts and times the gateway's traffic with Micrometer when a meter registry is
 * present; without one the gateway counts nothing and reads no clock for metrics.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
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
		return new ConnectionGauges(registry, memoryBudgets.inbound(), accessLog, tags(properties));
	}

	/** Counts the HTTP bridge's failed requests, when the bridge is on. */
	@Bean
	@ConditionalOnProperty(prefix = "tcp-gateway.forward.http", name = "url")
	ForwardMetrics tcpGatewayForwardMetrics(ObjectProvider<MeterRegistry> meterRegistry,
			TcpGatewayProperties properties) {
		MeterRegistry registry = meterRegistry.getIfAvailable();
		return (registry != null) ? new MicrometerForwardMetrics(registry, tags(properties)) : ForwardMetrics.NONE;
	}

	/** Counts the cluster's drops and failures, when the cluster is on. */
	@Bean
	@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
	ClusterMetrics tcpGatewayClusterMetrics(ObjectProvider<MeterRegistry> meterRegistry,
			TcpGatewayProperties properties) {
		MeterRegistry registry = meterRegistry.getIfAvailable();
		return (registry != null) ? new MicrometerClusterMetrics(registry, tags(properties)) : ClusterMetrics.NONE;
	}

	/** Every meter is tagged with the I/O mode and the framing. */
	private static Tags tags(TcpGatewayProperties properties) {
		return Tags.of(GatewayMeters.IO_MODE, EnumNames.kebabCase(properties.getIoMode()), GatewayMeters.FRAMING,
				properties.getFraming().value());
	}

}
