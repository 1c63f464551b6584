package io.tcpgateway.connection.nio;

import java.util.concurrent.CompletableFuture;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies made on other threads are handed over to the connection's event loop, which
 * alone queues and writes: a reply the loop makes itself never overtakes one handed over
 * before it.
 */
@TcpGatewayTest
class RepliesHandedOverTests {

	private static final int REQUESTS = 4000;

	@Autowired
	private TcpTestClient client;

	@Test
	void repliesMadeOnTheLoopNeverOvertakeThoseHandedOverFromOtherThreads() {
		try (TcpTestConnection connection = this.client.connect()) {
			// each request in a write of its own: a reply handed over by a pool thread
			// and the next request's reply, made on the loop, meet in the same pass
			for (int i = 0; i < REQUESTS; i++) {
				connection.send(((i % 2 == 0) ? "POOL " : "LOOP ") + i);
			}
			for (int i = 0; i < REQUESTS; i++) {
				assertThat(connection.receiveString()).isEqualTo(Integer.toString(i));
			}
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		TcpMessageHandler loopOrPoolHandler() {
			return new LoopOrPoolHandler();
		}

	}

	/**
	 * Answers {@code LOOP n} at once, on the event loop, and {@code POOL n} from another
	 * thread.
	 */
	static class LoopOrPoolHandler implements TcpMessageHandler {

		@Override
		public void handle(TcpRequest request, ReplySink replies) {
			String[] words = request.asString().split(" ", 2);
			if (words[0].equals("POOL")) {
				replies.async();
				CompletableFuture.runAsync(() -> replies.send(words[1]).complete());
			}
			else {
				replies.send(words[1]);
			}
		}

		@Override
		public boolean isBlocking() {
			return false;
		}

	}

}
