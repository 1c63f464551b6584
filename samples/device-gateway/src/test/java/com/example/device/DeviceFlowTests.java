package com.example.device;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device flow over a real socket, in the gateway's test slice.
 */
@TcpGatewayTest
class DeviceFlowTests {

	@Autowired
	private TcpTestClient client;

	@Test
	void aLineIsAnsweredInUpperCase() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("hello device").receiveString()).isEqualTo("HELLO DEVICE");
		}
	}

}
