package io.tcpgateway.admin;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Connections;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpGatewayProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tcpconnections} endpoint when Actuator is present, a Spring Security
 * filter chain guards the application and the endpoint is exposed, and the audit of every
 * other endpoint's writes. Without a filter chain (Spring Security absent, or only its
 * web classes present) nothing would stand between the endpoint and anyone who reaches
 * the management port, so it is left out and one line says how to turn it on.
 */
// after every auto-configuration that may define a security filter chain: the endpoint
// exists only where one does
@AutoConfiguration(after = GatewayFlowAutoConfiguration.class, afterName = {
		"io.tcpgateway.security.ManagementSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.security.saml2.autoconfigure.Saml2RelyingPartyAutoConfiguration" })
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnTcpGatewayEnabled
public class TcpGatewayAdminAutoConfiguration {

	private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	private static final String ADMIN_ROLE = "TCP_GATEWAY_ADMIN";

	/** How to turn the endpoint on, said once, where it is off for want of security. */
	static final String NO_SECURITY_NOTICE = "The tcpconnections endpoint is off: without Spring Security anyone who "
			+ "reaches the management port could list, push to and close the gateway's connections. To turn it on, "
			+ "add spring-boot-starter-security and a user with role " + ADMIN_ROLE
			+ " (spring.security.user.name, .password, .roles=" + ADMIN_ROLE + ")";

	private static final Log logger = LogFactory.getLog(TcpGatewayAdminAutoConfiguration.class);

	@Bean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(type = SECURITY_FILTER_CHAIN)
	TcpConnectionsEndpoint tcpConnectionsEndpoint(ConnectionRegistry registry, Connections connections,
			TcpGatewayProperties properties) {
		return new TcpConnectionsEndpoint(registry, connections, properties.getMaxMessageSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean(type = SECURITY_FILTER_CHAIN)
	static SmartInitializingSingleton tcpGatewayNoSecurityNotice() {
		return () -> logger.info(NO_SECURITY_NOTICE);
	}

	@Bean
	AuditingOperationInvokerAdvisor tcpGatewayAuditingOperationInvokerAdvisor() {
		return new AuditingOperationInvokerAdvisor();
	}

}
