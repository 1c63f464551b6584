package io.tcpgateway.admin;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tcpconnections} endpoint when Actuator is present and the endpoint is
 * exposed.
 */
@AutoConfiguration(after = GatewayFlowAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
public class TcpGatewayAdminAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	TcpConnectionsEndpoint tcpConnectionsEndpoint(ConnectionRegistry registry) {
		return new TcpConnectionsEndpoint(registry);
	}

}
