package io.tcpgateway.flow;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-blocking handler's requests are answered on the event loop without being queued
 * while nothing else is open: one it keeps open is queued then, ahead of those that
 * arrived since, so that their replies wait for it and it can time out; a sink kept past
 * its request sends nothing.
 */
class NonBlockingHandlerRepliesTests {

	@Test
	void repliesOfRequestsKeptOpenAndAnsweredAtOnceArriveInRequestOrder() {
		try (RunningGateway gateway = RunningGateway.start(Handlers.class);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("LATER 300 first", "NOW second", "TIMES 2 third", "LATER 50 fourth", "NOW fifth");
			assertThat(client.receiveString()).isEqualTo("first");
			assertThat(client.receiveString()).isEqualTo("second");
			assertThat(client.receiveString()).isEqualTo("third");
			assertThat(client.receiveString()).isEqualTo("third");
			assertThat(client.receiveString()).isEqualTo("fourth");
			assertThat(client.receiveString()).isEqualTo("fifth");
		}
	}

	@Test
	void requestKeptOpenAndNeverCompletedTimesOut() {
		try (RunningGateway gateway = RunningGateway.start(Handlers.class, "tcp-gateway.handler.reply-timeout=300ms",
				"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=TIMEOUT");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("KEEP");
			assertThat(client.receiveString()).isEqualTo("TIMEOUT");
			client.pipeline("KEEP", "NOW after");
			assertThat(client.receiveString()).isEqualTo("TIMEOUT");
			assertThat(client.receiveString()).isEqualTo("after");
		}
	}

	@Test
	void sinkUsedAfterItsRequestCompletedSendsNothing() {
		try (RunningGateway gateway = RunningGateway.start(Handlers.class);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("RETAIN").receiveString()).isEqualTo("retained");
			ScriptedHandler handler = gateway.context().getBean(ScriptedHandler.class);
			handler.retained.get().send("stale").complete();
			client.pipeline("LATER 100 next", "NOW last");
			handler.retained.get().send("stale again");
			assertThat(client.receiveString()).isEqualTo("next");
			assertThat(client.receiveString()).isEqualTo("last");
			assertThat(client.send("NOW end").receiveString()).isEqualTo("end");
		}
	}

	static class Handlers {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService later() {
			return Executors.newSingleThreadScheduledExecutor();
		}

		@Bean
		ScriptedHandler scriptedHandler(ScheduledExecutorService later) {
			return new ScriptedHandler(later);
		}

	}

	/**
	 * Non-blocking; follows the instruction in each request: {@code NOW x},
	 * {@code LATER ms x} (answered from another thread), {@code TIMES n x}, {@code KEEP}
	 * (kept open, never answered), {@code RETAIN} (answered, its sink kept).
	 */
	static class ScriptedHandler implements TcpMessageHandler {

		private final ScheduledExecutorService later;

		final AtomicReference<ReplySink> retained = new AtomicReference<>();

		ScriptedHandler(ScheduledExecutorService later) {
			this.later = later;
		}

		@Override
		public void handle(TcpRequest request, ReplySink replies) {
			String[] words = request.asString().split(" ", 3);
			switch (words[0]) {
				case "NOW" -> replies.send(words[1]);
				case "LATER" -> {
					replies.async();
					this.later.schedule(() -> replies.send(words[2]).complete(), Long.parseLong(words[1]),
							TimeUnit.MILLISECONDS);
				}
				case "TIMES" -> {
					for (int i = 0; i < Integer.parseInt(words[1]); i++) {
						replies.send(words[2]);
					}
				}
				case "KEEP" -> replies.async();
				case "RETAIN" -> {
					this.retained.set(replies);
					replies.send("retained");
				}
				default -> throw new IllegalArgumentException(request.asString());
			}
		}

		@Override
		public boolean isBlocking() {
			return false;
		}

	}

}
