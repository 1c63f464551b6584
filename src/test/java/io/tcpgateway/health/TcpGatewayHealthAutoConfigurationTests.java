package io.tcpgateway.health;

import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpServerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator follows Spring Boot's switch for health indicators.
 */
class TcpGatewayHealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, TcpServerAutoConfiguration.class,
				GatewayFlowAutoConfiguration.class, TcpGatewayHealthAutoConfiguration.class))
		.withPropertyValues("tcp-gateway.port=0");

	@Test
	void indicatorIsThereByDefault() {
		this.runner.run(context -> assertThat(context).hasNotFailed().hasBean("tcpGateway"));
	}

	@Test
	void indicatorCanBeTurnedOff() {
		this.runner.withPropertyValues("management.health.tcp-gateway.enabled=false")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
	}

}
