package io.tcpgateway.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import static org.awaitility.Awaitility.await;

/**
 * Replies made on the event loop while it reads are framed into the loop's own buffer and
 * written when the read's frames are all dispatched. Replies that outgrow that buffer,
 * and a socket that takes only part of it, still leave whole and in request order.
 */
@TcpGatewayTest(properties = "tcp-gateway.outbound.max-pending=8MB")
class ReadBatchRepliesTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private ConnectionRegistry connections;

	@Test
	void repliesOutgrowingTheLoopsBufferInOneReadArriveWholeAndInOrder() {
		try (TcpTestConnection connection = this.client.connect()) {
			// one write of 300 requests, about 2.6 KB: one read, 9 MB of replies (with
			// 40 KB ones that never fit beside another in the loop's 64 KB buffer)
			List<String> requests = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				requests.add(i + ":" + replySize(i));
			}
			connection.pipeline(requests.toArray(String[]::new));
			for (int i = 0; i < 300; i++) {
				assertThat(connection.receiveString()).isEqualTo(SizedReplies.reply(i, replySize(i)));
			}
		}
	}

	@Test
	void aClientThatReadsLateGetsEveryReplyInOrder() {
		try (TcpTestConnection connection = this.client.connect()) {
			// the replies pile up far past what the sockets hold while the client is not
			// reading, so the loop writes only part of a read's replies and keeps the
			// rest
			List<String> requests = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				requests.add(i + ":5000");
			}
			connection.pipeline(requests.toArray(String[]::new));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.connections.live().stream().anyMatch((live) -> live.pendingBytes() > 0));
			for (int i = 0; i < 2000; i++) {
				assertThat(connection.receiveString()).isEqualTo(SizedReplies.reply(i, 5000));
			}
			assertThat(connection.send("last:10").receiveString()).isEqualTo(SizedReplies.reply(-1, 10));
		}
	}

	private static int replySize(int i) {
		return (i % 50 == 7) ? 40_000 : 30 + (i * 37) % 5000;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		SizedReplies sizedReplies() {
			return new SizedReplies();
		}

	}

	/**
	 * Answers {@code id:size} with a reply of {@code size} characters made from the id,
	 * on the event loop itself.
	 */
	static class SizedReplies implements TcpMessageHandler {

		@Override
		public void handle(TcpRequest request, ReplySink replies) {
			String[] parts = request.asString().split(":");
			int id = parts[0].equals("last") ? -1 : Integer.parseInt(parts[0]);
			replies.send(reply(id, Integer.parseInt(parts[1])));
		}

		@Override
		public boolean isBlocking() {
			return false;
		}

		static String reply(int id, int size) {
			StringBuilder reply = new StringBuilder(size).append(id).append('-');
			char filler = (char) ('a' + Math.floorMod(id, 26));
			while (reply.length() < size) {
				reply.append(filler);
			}
			return reply.substring(0, size);
		}

	}

}
