package io.tcpgateway.forward.tcp;

import io.tcpgateway.limits.ReservedDescriptors;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpServerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream connections the bridge may open, as the startup check of the open-file
 * limit counts them: one per client, or the shared pool.
 */
class ForwardTcpReservedDescriptorsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, TcpServerAutoConfiguration.class,
				ForwardTcpAutoConfiguration.class, GatewayFlowAutoConfiguration.class))
		.withPropertyValues("tcp-gateway.port=0", "tcp-gateway.max-connections=300",
				"tcp-gateway.forward.tcp.host=127.0.0.1", "tcp-gateway.forward.tcp.port=1");

	@Test
	void perConnectionReservesOnePerClient() {
		this.runner.run((context) -> assertThat(context.getBean(ReservedDescriptors.class).count()).isEqualTo(300));
	}

	@Test
	void sharedReservesThePool() {
		this.runner.withPropertyValues("tcp-gateway.forward.tcp.mode=shared", "tcp-gateway.forward.tcp.pool-size=6")
			.run((context) -> assertThat(context.getBean(ReservedDescriptors.class).count()).isEqualTo(6));
	}

	@Test
	void withoutTheBridgeNothingIsReserved() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(IntegrationAutoConfiguration.class, TcpServerAutoConfiguration.class,
							ForwardTcpAutoConfiguration.class, GatewayFlowAutoConfiguration.class))
			.withPropertyValues("tcp-gateway.port=0")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ReservedDescriptors.class));
	}

}
