package com.example.device;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command handler over a real socket, in the gateway's test slice, with the profile
 * that puts it in place of the line flow.
 */
@TcpGatewayTest
@ActiveProfiles(DeviceCommandHandler.PROFILE)
class DeviceCommandHandlerTests {

	@Autowired
	private TcpTestClient client;

	@Test
	void pingIsAnsweredWithPong() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("PING").receiveString()).isEqualTo("PONG");
			assertThat(connection.send("ping").receiveString()).isEqualTo("ERR unknown command");
		}
	}

	@Test
	void quitSaysByeAndCloses() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("QUIT").receiveString()).isEqualTo("BYE");
			assertThat(connection.awaitClosed()).isTrue();
		}
	}

}
