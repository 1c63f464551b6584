package io.tcpgateway.admin;

import io.tcpgateway.cluster.ClusterAutoConfiguration;
import io.tcpgateway.cluster.ClusterConnections;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tcpconnections} endpoint when Actuator is present and the endpoint is
 * exposed.
 */
@AutoConfiguration(after = { GatewayFlowAutoConfiguration.class, ClusterAutoConfiguration.class })
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
public class TcpGatewayAdminAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	TcpConnectionsEndpoint tcpConnectionsEndpoint(ConnectionRegistry registry,
			ObjectProvider<ClusterConnections> cluster) {
		return new TcpConnectionsEndpoint(registry, cluster.getIfAvailable());
	}

}
