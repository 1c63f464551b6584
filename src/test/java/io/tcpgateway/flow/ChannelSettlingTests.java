package io.tcpgateway.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Integration's first check of whether the application runs, which marks a channel
 * not running while it looks, is made on the gateway's channels before the listener
 * accepts, so that the first frames of two connections on two event loops cannot refuse
 * each other.
 */
class ChannelSettlingTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void theGatewaysChannelsAreSettledBeforeAnyClientSends(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode)) {
			// nothing has been sent on them yet: only the settling can have answered
			assertThat(channel(gateway, "tcpGatewayInbound").isSettled()).isTrue();
			assertThat(channel(gateway, TcpGatewayChannels.OUTBOUND).isSettled()).isTrue();
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.echoes("hello")).isTrue();
			}
		}
	}

	@Test
	void theSettlingMessageReachesNoSubscriber() {
		QuietDirectChannel channel = new QuietDirectChannel();
		List<Message<?>> received = new CopyOnWriteArrayList<>();
		channel.subscribe(received::add);
		channel.settle();
		assertThat(channel.isSettled()).isTrue();
		assertThat(received).isEmpty();
		channel.send(new GenericMessage<>("after"));
		assertThat(received).hasSize(1);
	}

	private static QuietDirectChannel channel(RunningGateway gateway, String name) {
		return gateway.context().getBean(name, QuietDirectChannel.class);
	}

}
