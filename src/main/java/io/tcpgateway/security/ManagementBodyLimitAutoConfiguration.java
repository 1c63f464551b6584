package io.tcpgateway.security;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Sizes the bound on request bodies to the management server from the gateway's
 * {@code tcp-gateway.max-message-size}, whoever secures the endpoints.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(TcpGatewayProperties.class)
@ConditionalOnTcpGatewayEnabled
public class ManagementBodyLimitAutoConfiguration {

	@Bean
	ManagementBodyLimit managementBodyLimit(TcpGatewayProperties gateway) {
		return ManagementBodyLimit.forMaxMessageSize(gateway.getMaxMessageSize().toBytes());
	}

}
