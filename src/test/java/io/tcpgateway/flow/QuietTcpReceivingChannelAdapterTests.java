package io.tcpgateway.flow;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound adapter that leaves a frame's headers unread fails a frame it could not
 * send as Spring Integration's adapter does: the connection it came from is closed; and
 * counts the frames it is sending, for an orderly shutdown.
 */
class QuietTcpReceivingChannelAdapterTests {

	@Test
	void aFrameAnInterceptorRefusesClosesItsConnection() {
		try (RunningGateway gateway = RunningGateway.start();
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			gateway.context()
				.getBean("tcpGatewayInbound", DirectChannel.class)
				.addInterceptor(new ChannelInterceptor() {

					@Override
					public Message<?> preSend(Message<?> message, MessageChannel channel) {
						boolean refused = Arrays.equals((byte[]) message.getPayload(), "refused".getBytes());
						return refused ? null : message;
					}

				});
			assertThat(client.echoes("accepted")).isTrue();

			client.send("refused");

			assertThat(client.awaitClosed()).isTrue();
		}
	}

	@Test
	void shutdownCountsTheFramesBeingSent() throws Exception {
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (RunningGateway gateway = RunningGateway.start();
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			gateway.context()
				.getBean("tcpGatewayInbound", DirectChannel.class)
				.addInterceptor(new ChannelInterceptor() {

					@Override
					public Message<?> preSend(Message<?> message, MessageChannel channel) {
						if (Arrays.equals((byte[]) message.getPayload(), "held".getBytes())) {
							sending.countDown();
							try {
								release.await(30, TimeUnit.SECONDS);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
						}
						return message;
					}

				});
			QuietTcpReceivingChannelAdapter adapter = gateway.context().getBean(QuietTcpReceivingChannelAdapter.class);
			client.send("held");
			assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

			assertThat(adapter.beforeShutdown()).isEqualTo(1);
			release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> adapter.beforeShutdown() == 0);
		}
		finally {
			release.countDown();
		}
	}

}
