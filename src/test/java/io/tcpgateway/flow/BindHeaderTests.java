package io.tcpgateway.flow;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpGatewayHeaders;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flow binds keys to the request's connection with the {@code tcp_gateway_bind} reply
 * header; they are released when the connection closes.
 */
class BindHeaderTests {

	@Test
	void aReplyHeaderBindsItsKeysToTheConnectionUntilItCloses() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(BindingFlow.class)) {
			ConnectionRegistry registry = gateway.context().getBean(ConnectionRegistry.class);
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
				socket.setSoTimeout(10_000);
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				socket.getOutputStream().write("device-7\r\n".getBytes(StandardCharsets.UTF_8));
				assertThat(in.readLine()).isEqualTo("welcome device-7");
				assertThat(registry.findByKey("device-7")).hasSize(1);
				assertThat(registry.findByKey("fleet")).hasSize(1);
				assertThat(registry.findByKey("device-7").iterator().next().context().keys())
					.containsExactlyInAnyOrder("device-7", "fleet");
			}
			await().until(() -> registry.findByKey("device-7").isEmpty());
			assertThat(registry.findByKey("fleet")).isEmpty();
		}
	}

	/** Answers each frame, binding it and {@code fleet} as keys. */
	static class BindingFlow {

		@Bean
		IntegrationFlow bindingFlow() {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.transform(byte[].class, (payload) -> new String(payload, StandardCharsets.UTF_8))
				.enrichHeaders((headers) -> headers.headerFunction(TcpGatewayHeaders.BIND,
						(message) -> List.of(message.getPayload(), "fleet")))
				.transform(String.class, (name) -> "welcome " + name)
				.get();
		}

	}

}
