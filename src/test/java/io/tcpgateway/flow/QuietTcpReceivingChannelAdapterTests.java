package io.tcpgateway.flow;

import java.util.Arrays;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound adapter that leaves a frame's headers unread fails a frame it could not
 * send as Spring Integration's adapter does: the connection it came from is closed.
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

}
