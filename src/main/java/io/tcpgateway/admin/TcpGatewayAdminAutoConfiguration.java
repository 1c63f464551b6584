package io.tcpgateway.admin;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Connections;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tcpconnections} endpoint when Actuator is present and the endpoint is
 * exposed, and the audit of every other endpoint's writes.
 */
@AutoConfiguration(after = GatewayFlowAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnTcpGatewayEnabled
public class TcpGatewayAdminAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	TcpConnectionsEndpoint tcpConnectionsEndpoint(ConnectionRegistry registry, Connections connections,
			TcpGatewayProperties properties) {
		return new TcpConnectionsEndpoint(registry, connections, properties.getMaxMessageSize().toBytes());
	}

	@Bean
	AuditingOperationInvokerAdvisor tcpGatewayAuditingOperationInvokerAdvisor() {
		return new AuditingOperationInvokerAdvisor();
	}

}
