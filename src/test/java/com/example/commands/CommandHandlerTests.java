package com.example.commands;

import java.time.Instant;

import io.tcpgateway.flow.EchoHandler;
import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command protocol, tested through the {@link TcpGatewayTest} slice.
 */
@TcpGatewayTest
class CommandHandlerTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private ApplicationContext context;

	@Test
	void pingAnswersPong() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("PING").receiveString()).isEqualTo("PONG");
		}
	}

	@Test
	void echoAnswersItsArgument() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("ECHO hello world").receiveString()).isEqualTo("hello world");
		}
	}

	@Test
	void timeAnswersTheCurrentInstant() {
		try (TcpTestConnection connection = this.client.connect()) {
			Instant before = Instant.now();
			Instant answered = Instant.parse(connection.send("TIME").receiveString());
			assertThat(answered).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
		}
	}

	@Test
	void pipelinedCommandsAreAnsweredInOrder() {
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline("PING", "ECHO 1", "NOPE", "ECHO 2");
			assertThat(connection.receiveString()).isEqualTo("PONG");
			assertThat(connection.receiveString()).isEqualTo("1");
			assertThat(connection.receiveString()).isEqualTo("ERR unknown command: NOPE");
			assertThat(connection.receiveString()).isEqualTo("2");
		}
	}

	@Test
	void quitSaysByeAndCloses() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("QUIT").receiveString()).isEqualTo("BYE");
			assertThat(connection.awaitClosed()).isTrue();
		}
	}

	@Test
	void sliceStartsTheGatewayWithTheApplicationsHandlerAndNoWebServer() {
		assertThat(this.context.getBeansOfType(CommandHandler.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(EchoHandler.class)).isEmpty();
		assertThat(this.context).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(this.client.port()).isPositive();
	}

}
