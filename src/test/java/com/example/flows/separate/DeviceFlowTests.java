package com.example.flows.separate;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link TcpGatewayTest} slice takes a flow declared in a {@code @Configuration}
 * class of the application's own, and leaves the application's other configuration out.
 */
@TcpGatewayTest
class DeviceFlowTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private ApplicationContext context;

	@Test
	void theApplicationsFlowAnswersNotTheEcho() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("hello device").receiveString()).isEqualTo("HELLO DEVICE");
		}
	}

	@Test
	void configurationWithoutAFlowIsLeftOut() {
		assertThat(this.context.getBeansOfType(ReportingConfiguration.ReportSchedule.class)).isEmpty();
		assertThat(this.context.getBeansOfType(DeviceFlowConfiguration.class)).hasSize(1);
	}

}
