package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tcp-gateway.framing=custom} over real sockets, in both I/O modes: the
 * application's decoder and encoder beans frame the connections, and a decoder that fails
 * on a client's bytes closes only that client's connection.
 */
class CustomFramingTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(IoMode.class)
	void theApplicationsDecoderAndEncoderFrameTheConnections(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start(HashFraming.class, "tcp-gateway.io-mode=" + mode,
				"tcp-gateway.framing=custom");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.NONE)) {
			client.sendRaw(ascii("one#tw"));
			client.sendRaw(ascii("o#three#"));
			assertThat(client.receiveBytes(14)).isEqualTo(ascii("one#two#three#"));
			// counted once the read that held them is done, which may be after the
			// replies
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(Meters.count(gateway.context().getBean(MeterRegistry.class),
						GatewayMeters.MESSAGES_RECEIVED, GatewayMeters.FRAMING, "custom"))
					.isEqualTo(3));
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(IoMode.class)
	void aDecoderThatThrowsClosesOnlyItsConnection(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start(HashFraming.class, "tcp-gateway.io-mode=" + mode,
				"tcp-gateway.framing=custom");
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.NONE);
				TcpTestConnection offender = TcpTestConnection.open(gateway.port(), Framing.NONE)) {
			bystander.sendRaw(ascii("before#"));
			assertThat(bystander.receiveBytes(7)).isEqualTo(ascii("before#"));

			offender.sendRaw(ascii("ok#bad!#"));
			assertThat(offender.receiveBytes(3)).isEqualTo(ascii("ok#"));
			assertThat(offender.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.FRAME_ERRORS, "malformed") == 1);

			bystander.sendRaw(ascii("after#"));
			assertThat(bystander.receiveBytes(6)).isEqualTo(ascii("after#"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(IoMode.class)
	void aDecoderThatFailsWithAnErrorClosesOnlyItsConnection(IoMode mode) {
		// one event loop, so that the bystander shares the offender's
		try (RunningGateway gateway = RunningGateway.start(HashFraming.class, "tcp-gateway.io-mode=" + mode,
				"tcp-gateway.framing=custom", "tcp-gateway.selector.event-loops=1");
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.NONE);
				TcpTestConnection offender = TcpTestConnection.open(gateway.port(), Framing.NONE)) {
			offender.sendRaw(ascii("ok#?#"));
			assertThat(offender.receiveBytes(3)).isEqualTo(ascii("ok#"));
			assertThat(offender.awaitClosed()).isTrue();

			bystander.sendRaw(ascii("after#"));
			assertThat(bystander.receiveBytes(6)).isEqualTo(ascii("after#"));
			try (TcpTestConnection newcomer = TcpTestConnection.open(gateway.port(), Framing.NONE)) {
				newcomer.sendRaw(ascii("new#"));
				assertThat(newcomer.receiveBytes(4)).isEqualTo(ascii("new#"));
			}
		}
	}

	@Test
	void theBeansAreNotUsedWhenTheFramingIsNotCustom() {
		try (RunningGateway gateway = RunningGateway.start(HashFraming.class, "tcp-gateway.framing=crlf");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("a#b!").receiveString()).isEqualTo("a#b!");
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * An application's framing: frames end with {@code #}; its decoder throws on
	 * {@code !}, as a decoder with a bug, or one strict about its input, may, and fails
	 * with an error on {@code ?}.
	 */
	static class HashFraming {

		@Bean
		FrameDecoderFactory hashFrameDecoders() {
			return HashFrameDecoder::new;
		}

		@Bean
		FrameEncoder hashFrameEncoder() {
			return new FrameEncoder() {

				@Override
				public int frameLength(int payloadLength) {
					return payloadLength + 1;
				}

				@Override
				public void encode(byte[] payload, ByteBuffer target) {
					target.put(payload).put((byte) '#');
				}

			};
		}

	}

	private static final class HashFrameDecoder extends CumulatingFrameDecoder {

		HashFrameDecoder(int maxMessageSize) {
			super(maxMessageSize);
		}

		@Override
		protected byte[] decodeFrame(ByteBuffer buffer) {
			for (int i = buffer.position(); i < buffer.limit(); i++) {
				byte next = buffer.get(i);
				if (next == '!') {
					throw new IllegalArgumentException("'!' in a frame");
				}
				if (next == '?') {
					// the kind of branch a decoder's author was sure no input could reach
					throw new AssertionError("unreachable: '?' in a frame");
				}
				if (next == '#') {
					byte[] frame = take(buffer, i - buffer.position());
					buffer.get();
					return frame;
				}
			}
			return null;
		}

	}

}
