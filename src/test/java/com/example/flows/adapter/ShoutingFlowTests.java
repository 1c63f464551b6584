package com.example.flows.adapter;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slice takes a {@code @Configuration} class whose {@code @Bean} method returns a
 * subtype of {@code IntegrationFlow}.
 */
@TcpGatewayTest
class ShoutingFlowTests {

	@Autowired
	private TcpTestClient client;

	@Test
	void theFlowDeclaredByItsOwnTypeAnswers() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("hello").receiveString()).isEqualTo("HELLO");
		}
	}

}
