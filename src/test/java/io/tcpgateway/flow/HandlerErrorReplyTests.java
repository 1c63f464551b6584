package io.tcpgateway.flow;

import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code handler.on-error=reply} a failing request is answered with the error reply
 * and the connection goes on.
 */
@TcpGatewayTest(properties = { "tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=ERR failed" })
class HandlerErrorReplyTests {

	@Autowired
	private TcpTestClient client;

	@Test
	void failingRequestGetsTheErrorReplyAndTheConnectionStaysOpen() {
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline("ok 1", "fail", "ok 2");
			assertThat(connection.receiveString()).isEqualTo("ok 1");
			assertThat(connection.receiveString()).isEqualTo("ERR failed");
			assertThat(connection.receiveString()).isEqualTo("ok 2");
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingHandler {

		@Bean
		TcpMessageHandler failOnRequest() {
			return (request, replies) -> {
				if (request.asString().equals("fail")) {
					throw new IllegalArgumentException("cannot handle " + request.asString());
				}
				replies.send(request.payload());
			};
		}

	}

}
