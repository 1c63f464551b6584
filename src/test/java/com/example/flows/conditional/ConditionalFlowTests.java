package com.example.flows.conditional;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flow the slice took in but whose own condition left it out is the application's
 * choice, not the slice's: the test starts, and the gateway answers as the application
 * would without that bean.
 */
@TcpGatewayTest
class ConditionalFlowTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private ApplicationContext context;

	@Test
	void aFlowLeftOutByItsOwnConditionIsNotReportedAsLeftOutByTheSlice() {
		assertThat(this.context.getBeansOfType(ArchiveFlowConfiguration.class)).isEmpty();
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("hello").receiveString()).isEqualTo("hello");
		}
	}

}
