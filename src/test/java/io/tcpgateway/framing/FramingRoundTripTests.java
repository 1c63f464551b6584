package io.tcpgateway.framing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in framing echoes over a real socket, in both I/O modes, byte for byte
 * (custom framing: {@code CustomFramingTests}).
 */
class FramingRoundTripTests {

	static Stream<Arguments> modesAndFramings() {
		return Arrays.stream(IoMode.values())
			.flatMap(mode -> Arrays.stream(Framing.values())
				.filter(Framing::isBuiltIn)
				.map(framing -> Arguments.of(mode, framing)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("modesAndFramings")
	void echoesEachMessageOnTheConnectionThatSentIt(IoMode mode, Framing framing) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.framing=" + framing)) {
			switch (framing) {
				case RAW -> assertRawRoundTrip(gateway.port());
				case NONE -> assertStreamRoundTrip(gateway.port());
				default -> assertFramedRoundTrip(gateway.port(), framing);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.tcpgateway.framing.FramingRoundTripTests#modes")
	void nullFramingIsStillSpelledNullInPropertiesAndMeterTags(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode, "tcp-gateway.framing=null")) {
			assertFramedRoundTrip(gateway.port(), Framing.NUL_TERMINATED);
			assertThat(Meters.count(gateway.context().getBean(MeterRegistry.class), GatewayMeters.MESSAGES_RECEIVED,
					GatewayMeters.FRAMING, "null"))
				.isEqualTo(3);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.tcpgateway.framing.FramingRoundTripTests#modes")
	void mllpRepliesAreTheRequestsFramesByteForByte(IoMode mode) {
		byte[] message = "MSH|^~\\&|LAB|HOSP|||20240101||ORU^R01|1|P|2.5\rPID|1||42\rOBX|1|NM|\u001c|5\r"
			.getBytes(StandardCharsets.ISO_8859_1);
		byte[] frame = new byte[message.length + 3];
		frame[0] = 0x0B;
		System.arraycopy(message, 0, frame, 1, message.length);
		frame[frame.length - 2] = 0x1C;
		frame[frame.length - 1] = 0x0D;
		byte[] twoFrames = new byte[frame.length * 2];
		System.arraycopy(frame, 0, twoFrames, 0, frame.length);
		System.arraycopy(frame, 0, twoFrames, frame.length, frame.length);
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode, "tcp-gateway.framing=mllp");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.NONE)) {
			// two frames in one write, the second split in two
			client.sendRaw(Arrays.copyOf(twoFrames, frame.length + 5));
			client.sendRaw(Arrays.copyOfRange(twoFrames, frame.length + 5, twoFrames.length));
			assertThat(client.receiveBytes(twoFrames.length)).isEqualTo(twoFrames);
		}
	}

	static Stream<IoMode> modes() {
		return Arrays.stream(IoMode.values());
	}

	private static void assertFramedRoundTrip(int port, Framing framing) {
		byte[] large = new byte[(framing == Framing.LENGTH_HEADER_1) ? 255 : 5000];
		Arrays.fill(large, (byte) 'z');
		try (TcpTestConnection client = TcpTestConnection.open(port, framing)) {
			client.send("hello").send(large).send("world");
			assertThat(client.receiveString()).isEqualTo("hello");
			assertThat(client.receive()).isEqualTo(large);
			assertThat(client.receiveString()).isEqualTo("world");
		}
	}

	private static void assertRawRoundTrip(int port) {
		// one message per connection, complete when the client half-closes
		try (TcpTestConnection client = TcpTestConnection.open(port, Framing.RAW)) {
			client.sendRaw("hello\r\nworld".getBytes(StandardCharsets.UTF_8)).shutdownOutput();
			assertThat(client.receiveString()).isEqualTo("hello\r\nworld");
			assertThat(client.awaitClosed()).isTrue();
		}
	}

	private static void assertStreamRoundTrip(int port) {
		// the tutorial client: send, then read whatever comes back
		try (TcpTestConnection client = TcpTestConnection.open(port, Framing.NONE)) {
			client.sendRaw("ls -l".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(client.receiveBytes(5), StandardCharsets.UTF_8)).isEqualTo("ls -l");
			client.sendRaw("pwd".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(client.receiveBytes(3), StandardCharsets.UTF_8)).isEqualTo("pwd");
		}
	}

}
