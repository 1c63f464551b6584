package io.tcpgateway.observation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection closed by another thread while a reply of its open request is being sent
 * closes at once, and the request's observation still ends, as closed, once the reply's
 * send returns: the close never waits for the thread sending the reply, which in
 * {@code net} mode may itself wait for the closing thread's write lock.
 */
class ClosedDuringReplyTests {

	private static final String REQUEST_SPAN = "tcp request";

	@Test
	void closeWhileAReplyIsBeingSentReturnsAndTheRequestEndsAsClosed() throws Exception {
		try (RunningGateway gateway = RunningGateway.start(PoolHandler.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER, "tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			CountDownLatch sending = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			DirectChannel outbound = gateway.context().getBean(TcpGatewayChannels.OUTBOUND, DirectChannel.class);
			// holds the reply's send, as a write blocked on a full socket would
			outbound.addInterceptor(new ChannelInterceptor() {

				@Override
				public Message<?> preSend(Message<?> message, MessageChannel channel) {
					sending.countDown();
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return message;
				}

			});
			try {
				client.send("held");
				assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
				Connection connection = gateway.context()
					.getBean(ConnectionRegistry.class)
					.find(gateway.connectionFactory().getOpenConnectionIds().get(0));
				CompletableFuture<Void> closing = CompletableFuture
					.runAsync(() -> connection.close(CloseReason.CLIENT, CloseMode.NOW));
				await().atMost(Duration.ofSeconds(10)).until(closing::isDone);
				assertThat(closing).isCompleted();
				assertThat(TracedGateway.ended(TracedGateway.tracer(gateway), REQUEST_SPAN)).isEmpty();
			}
			finally {
				release.countDown();
			}
			SimpleSpan span = TracedGateway.awaitSpans(gateway, REQUEST_SPAN, 1).get(0);
			assertThat(span.getTags()).containsEntry("outcome", "closed");
		}
	}

	/** Answers each request with its own text, on the handler pool. */
	static class EchoOnThePool implements TcpMessageHandler {

		@Override
		public void handle(TcpRequest request, ReplySink replies) {
			replies.send(request.asString());
		}

		@Override
		public boolean isBlocking() {
			return true;
		}

	}

	@Import(TracedGateway.Tracing.class)
	static class PoolHandler {

		@Bean
		EchoOnThePool echoOnThePool() {
			return new EchoOnThePool();
		}

	}

}
