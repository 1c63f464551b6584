package io.tcpgateway.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tcpgateway.connection.GatewayServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tcp-gateway.enabled}: on by default, and off it leaves every part of the gateway
 * out of a host application.
 */
class GatewayEnabledTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GatewayAutoConfigurations.all());

	@Test
	void disabledGatewayMakesNoBeanAndOpensNoPort() throws IOException {
		int port = freePort();
		this.runner.withPropertyValues("tcp-gateway.enabled=false", "tcp-gateway.port=" + port).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(GatewayAutoConfigurations.gatewayBeans(context)).isEmpty();
			// nothing listens there: the port can still be bound
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		});
	}

	@Test
	void enabledByDefaultListensAndEchoes() {
		this.runner.withPropertyValues("tcp-gateway.port=0").run((context) -> {
			assertThat(context).hasNotFailed();
			GatewayServer server = context.getBean(GatewayServer.class);
			await().atMost(Duration.ofSeconds(10)).until(server::isListening);
			assertThat(echo(server.port(), "hello")).isEqualTo("hello");
		});
	}

	static String echo(int port, String line) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
