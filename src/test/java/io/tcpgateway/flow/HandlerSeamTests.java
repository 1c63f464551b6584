package io.tcpgateway.flow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user handler behind the seam: many and asynchronous replies in order, failures and
 * slowness confined to their own connection, pushes through the connection context.
 */
@TcpGatewayTest
class HandlerSeamTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ScriptedHandler handler;

	@Test
	void userHandlerReplacesEcho() {
		assertThat(this.context.getBeansOfType(EchoHandler.class)).isEmpty();
		assertThat(this.context.getBean(TcpMessageHandler.class)).isSameAs(this.handler);
	}

	@Test
	void manyAndAsynchronousRepliesArriveInRequestOrder() {
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline("LATER 300 first", "NOW second", "TIMES 3 third", "LATER 100 fourth", "NONE",
					"NOW fifth");
			assertThat(connection.receiveString()).isEqualTo("first");
			assertThat(connection.receiveString()).isEqualTo("second");
			for (int i = 0; i < 3; i++) {
				assertThat(connection.receiveString()).isEqualTo("third");
			}
			assertThat(connection.receiveString()).isEqualTo("fourth");
			assertThat(connection.receiveString()).isEqualTo("fifth");
		}
	}

	@Test
	void throwingHandlerClosesOnlyItsConnection() {
		try (TcpTestConnection failing = this.client.connect(); TcpTestConnection bystander = this.client.connect()) {
			failing.send("FAIL");
			assertThat(failing.awaitClosed()).isTrue();
			assertThat(bystander.send("NOW still here").receiveString()).isEqualTo("still here");
		}
	}

	@Test
	void slowHandlerDelaysOnlyItsConnection() {
		try (TcpTestConnection slow = this.client.connect(); TcpTestConnection other = this.client.connect()) {
			slow.send("SLEEP 2000 done");
			CompletableFuture<String> slowReply = CompletableFuture.supplyAsync(slow::receiveString);
			for (int i = 0; i < 20; i++) {
				assertThat(other.send("NOW " + i).receiveString()).isEqualTo(Integer.toString(i));
			}
			assertThat(slowReply).isNotDone();
			assertThat(slowReply.join()).isEqualTo("done");
		}
	}

	@Test
	void handlerPushesToAConnectionLaterThroughItsContext() {
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.send("SUBSCRIBE").receiveString()).isEqualTo("subscribed");
			TcpConnectionContext subscriber = this.handler.subscriber.get();
			assertThat(subscriber.send("news 1")).isTrue();
			assertThat(subscriber.send("news 2")).isTrue();
			assertThat(connection.receiveString()).isEqualTo("news 1");
			assertThat(connection.receiveString()).isEqualTo("news 2");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.handler.subscriber.get().isOpen());
		assertThat(this.handler.subscriber.get().send("too late")).isFalse();
	}

	@Test
	void halfClosedClientStillGetsItsAsynchronousReplies() {
		try (TcpTestConnection connection = this.client.connect()) {
			connection.pipeline("LATER 300 owed", "NOW also owed").shutdownOutput();
			assertThat(connection.receiveString()).isEqualTo("owed");
			assertThat(connection.receiveString()).isEqualTo("also owed");
			assertThat(connection.awaitClosed()).isTrue();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		ScriptedHandler scriptedHandler() {
			return new ScriptedHandler();
		}

	}

	/**
	 * Follows the instruction in each request: {@code NOW x}, {@code LATER ms x},
	 * {@code TIMES n x}, {@code SLEEP ms x}, {@code NONE}, {@code FAIL},
	 * {@code SUBSCRIBE}.
	 */
	static class ScriptedHandler implements TcpMessageHandler {

		final AtomicReference<TcpConnectionContext> subscriber = new AtomicReference<>();

		@Override
		public void handle(TcpRequest request, ReplySink replies) throws Exception {
			String[] words = request.asString().split(" ", 3);
			switch (words[0]) {
				case "NOW" -> replies.send(words[1] + ((words.length > 2) ? " " + words[2] : ""));
				case "LATER" -> {
					replies.async();
					Executor later = CompletableFuture.delayedExecutor(Long.parseLong(words[1]), TimeUnit.MILLISECONDS);
					later.execute(() -> replies.send(words[2]).complete());
				}
				case "TIMES" -> {
					for (int i = 0; i < Integer.parseInt(words[1]); i++) {
						replies.send(words[2]);
					}
				}
				case "SLEEP" -> {
					Thread.sleep(Long.parseLong(words[1]));
					replies.send(words[2]);
				}
				case "SUBSCRIBE" -> {
					this.subscriber.set(request.connection());
					replies.send("subscribed");
				}
				case "FAIL" -> throw new IllegalStateException("scripted failure");
				default -> {
				}
			}
		}

	}

}
