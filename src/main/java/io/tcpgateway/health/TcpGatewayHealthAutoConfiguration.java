package io.tcpgateway.health;

import io.tcpgateway.server.GatewayConnections;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Adds the {@code tcpGateway} health component when Spring Boot's health support is present.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class TcpGatewayHealthAutoConfiguration {

	@Bean
	HealthIndicator tcpGateway(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			TcpGatewayProperties properties, GatewayConnections connections) {
		return new TcpGatewayHealthIndicator(tcpGatewayConnectionFactory, properties, connections);
	}

}
