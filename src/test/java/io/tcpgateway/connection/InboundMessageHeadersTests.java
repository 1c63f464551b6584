package io.tcpgateway.connection;

import java.net.InetAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.ChannelInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each frame enters the flow as a message with Spring Integration's standard TCP headers,
 * naming the client (behind a proxy, the one its PROXY header reported), its connection
 * and the local address, plus a unique id and a timestamp.
 */
class InboundMessageHeadersTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void framesCarryTheStandardTcpHeaders(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode)) {
			BlockingQueue<Message<?>> seen = inboundMessages(gateway);
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.echoes("first")).isTrue();
				assertThat(client.echoes("second")).isTrue();

				Message<?> first = seen.poll(10, TimeUnit.SECONDS);
				Message<?> second = seen.poll(10, TimeUnit.SECONDS);
				assertThat(first).isNotNull();
				assertThat(second).isNotNull();
				assertThat(first.getPayload()).isEqualTo("first".getBytes());
				MessageHeaders headers = first.getHeaders();
				assertThat(headers.get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
				assertThat(headers.get(IpHeaders.HOSTNAME)).isEqualTo("127.0.0.1");
				assertThat(headers.get(IpHeaders.REMOTE_PORT)).isEqualTo(client.socket().getLocalPort());
				assertThat(headers.get(IpHeaders.LOCAL_ADDRESS)).isEqualTo(InetAddress.getByName("127.0.0.1"));
				assertThat(headers.get(IpHeaders.CONNECTION_ID, String.class))
					.isEqualTo(second.getHeaders().get(IpHeaders.CONNECTION_ID))
					.isIn(gateway.connectionFactory().getOpenConnectionIds());
				assertThat(headers.getId()).isNotNull().isNotEqualTo(second.getHeaders().getId());
				// ids the gateway draws itself, all 128 bits random (an application's
				// IdGenerator would be used instead)
				assertThat(headers).isNotExactlyInstanceOf(MessageHeaders.class);
				assertThat(headers.getId().getMostSignificantBits()).isNotZero();
				assertThat(headers.getTimestamp()).isPositive();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void behindAProxyTheHeadersNameTheClientFromThePROXYHeader(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			BlockingQueue<Message<?>> seen = inboundMessages(gateway);
			client.sendRaw("PROXY TCP4 203.0.113.7 10.0.0.1 56324 9000\r\n".getBytes());
			assertThat(client.echoes("hello")).isTrue();

			Message<?> message = seen.poll(10, TimeUnit.SECONDS);
			assertThat(message).isNotNull();
			assertThat(message.getHeaders().get(IpHeaders.IP_ADDRESS)).isEqualTo("203.0.113.7");
			assertThat(message.getHeaders().get(IpHeaders.REMOTE_PORT)).isEqualTo(56324);
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void theEchoNeverMakesAFramesHeaders(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			BlockingQueue<Message<?>> handled = new LinkedBlockingQueue<>();
			gateway.context()
				.getBean("tcpGatewayInbound", DirectChannel.class)
				.addInterceptor(new ChannelInterceptor() {

					@Override
					public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent,
							Exception ex) {
						// once the handler has returned
						handled.add(message);
					}

				});
			assertThat(client.echoes("first")).isTrue();
			assertThat(client.echoes("second")).isTrue();

			for (int i = 0; i < 2; i++) {
				assertThat(handled.poll(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(FrameMessage.class,
						(frame) -> assertThat(frame.headersMade()).isFalse());
			}
		}
	}

	private static BlockingQueue<Message<?>> inboundMessages(RunningGateway gateway) {
		BlockingQueue<Message<?>> seen = new LinkedBlockingQueue<>();
		gateway.context().getBean("tcpGatewayInbound", DirectChannel.class).addInterceptor(new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				seen.add(message);
				return message;
			}

		});
		return seen;
	}

}
