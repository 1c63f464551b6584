package com.example.flows.routing;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing flow over a real socket, through the {@link TcpGatewayTest} slice.
 */
@TcpGatewayTest
class RoutingFlowTests {

	@Autowired
	private TcpTestClient client;

	@Test
	void eachCommandIsRoutedToItsSubFlow() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("UPPER hello").receiveString()).isEqualTo("HELLO");
			assertThat(connection.send("REVERSE hello").receiveString()).isEqualTo("olleh");
			assertThat(connection.send("JUMP").receiveString()).isEqualTo("ERR unknown command: JUMP");
		}
	}

	@Test
	void pipelinedCommandsAreAnsweredInOrder() {
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline("REVERSE abc", "UPPER def", "NOPE", "UPPER ghi");
			assertThat(connection.receiveString()).isEqualTo("cba");
			assertThat(connection.receiveString()).isEqualTo("DEF");
			assertThat(connection.receiveString()).isEqualTo("ERR unknown command: NOPE");
			assertThat(connection.receiveString()).isEqualTo("GHI");
		}
	}

}
