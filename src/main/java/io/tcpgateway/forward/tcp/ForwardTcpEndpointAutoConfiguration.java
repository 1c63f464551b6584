package io.tcpgateway.forward.tcp;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code tcpupstreams} endpoint when the TCP bridge is on, Actuator is present,
 * the endpoint is exposed and a Spring Security filter chain guards the application:
 * draining an upstream moves clients, so without a chain the endpoint is left out.
 */
// after every auto-configuration that may define a security filter chain: the endpoint
// exists only where one does
@AutoConfiguration(after = ForwardTcpAutoConfiguration.class, afterName = {
		"io.tcpgateway.security.ManagementSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.security.saml2.autoconfigure.Saml2RelyingPartyAutoConfiguration" })
@ConditionalOnForwardTcp
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnTcpGatewayEnabled
public class ForwardTcpEndpointAutoConfiguration {

	private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	@Bean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(type = SECURITY_FILTER_CHAIN, value = UpstreamClient.class)
	TcpUpstreamsEndpoint tcpUpstreamsEndpoint(UpstreamClient client) {
		return new TcpUpstreamsEndpoint(client);
	}

}
