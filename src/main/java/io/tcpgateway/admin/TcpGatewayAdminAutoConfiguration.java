package io.tcpgateway.admin;

import io.tcpgateway.cluster.ClusterAutoConfiguration;
import io.tcpgateway.cluster.ClusterConnections;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tcpconnections} endpoint when Actuator is present and the endpoint is
 * exposed, and the audit of every other endpoint's writes.
 */
@AutoConfiguration(after = { GatewayFlowAutoConfiguration.class, ClusterAutoConfiguration.class })
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
public class TcpGatewayAdminAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	TcpConnectionsEndpoint tcpConnectionsEndpoint(ConnectionRegistry registry,
			ObjectProvider<ClusterConnections> cluster, TcpGatewayProperties properties) {
		return new TcpConnectionsEndpoint(registry, cluster.getIfAvailable(), properties.getMaxMessageSize().toBytes());
	}

	@Bean
	AuditingOperationInvokerAdvisor tcpGatewayAuditingOperationInvokerAdvisor() {
		return new AuditingOperationInvokerAdvisor();
	}

}
