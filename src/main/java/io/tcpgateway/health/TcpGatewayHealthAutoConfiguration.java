package io.tcpgateway.health;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.EnumNames;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the {@code tcpGateway} and {@code tcpGatewayEventLoops} health components when
 * Spring Boot's health support is present and the indicator is not turned off
 * ({@code management.health.tcp-gateway.enabled=false}).
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnTcpGatewayEnabled
public class TcpGatewayHealthAutoConfiguration {

	/**
	 * The components themselves, unless turned off: a member class, so that the
	 * condition's own class is looked at only once health support is known to be there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("tcp-gateway")
	@ConditionalOnTcpGatewayEnabled
	static class TcpGatewayHealthConfiguration {

		@Bean
		HealthIndicator tcpGateway(GatewayServer server, ConnectionRegistry registry, TcpGatewayProperties properties) {
			return new TcpGatewayHealthIndicator(server, registry, EnumNames.kebabCase(properties.getIoMode()),
					properties.getFraming().value());
		}

		@Bean
		HealthIndicator tcpGatewayEventLoops(GatewayServer server, TcpGatewayProperties properties) {
			return new EventLoopsHealthIndicator(server.controls(), properties.getSelector().getStallTimeout());
		}

	}

}
