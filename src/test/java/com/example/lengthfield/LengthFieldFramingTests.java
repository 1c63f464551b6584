package com.example.lengthfield;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The length-field protocol over a real socket: frames are written and read as bytes (the
 * test client has no codec for an application's framing), so each test checks the wire
 * byte for byte.
 */
@TcpGatewayTest(properties = "tcp-gateway.framing=custom")
class LengthFieldFramingTests {

	@Autowired
	private TcpTestClient client;

	@Test
	void aFrameComesBackByteForByte() {
		byte[] frame = frame("hello");
		try (TcpTestConnection connection = connect()) {
			connection.sendRaw(frame);
			assertThat(connection.receiveBytes(frame.length)).isEqualTo(frame);
		}
	}

	@Test
	void pipelinedFramesSplitAcrossWritesComeBackInOrder() {
		byte[] binary = new byte[3000];
		Arrays.fill(binary, (byte) 0xCA);
		byte[] stream = concat(frame("one"), frame(binary), frame(""), frame("three"));
		try (TcpTestConnection connection = connect()) {
			// inside the first header, inside the magic of the second, inside a body
			for (int[] cut : new int[][] { { 0, 3 }, { 3, 8 }, { 8, 1500 }, { 1500, stream.length } }) {
				connection.sendRaw(Arrays.copyOfRange(stream, cut[0], cut[1]));
			}
			assertThat(connection.receiveBytes(stream.length)).isEqualTo(stream);
		}
	}

	@Test
	void aBadHeaderClosesOnlyThatConnection() {
		try (TcpTestConnection bystander = connect(); TcpTestConnection offender = connect()) {
			assertThat(roundTrip(bystander, "before")).isTrue();

			offender.sendRaw(new byte[] { (byte) 0xBE, (byte) 0xEF, 0, 8, 'o', 'o', 'p', 's' });
			assertThat(offender.awaitClosed()).isTrue();

			assertThat(roundTrip(bystander, "after")).isTrue();
		}
	}

	@Test
	void aLengthShorterThanTheHeaderClosesTheConnection() {
		try (TcpTestConnection connection = connect()) {
			connection.sendRaw(new byte[] { (byte) 0xCA, (byte) 0xFE, 0, 3 });
			assertThat(connection.awaitClosed()).isTrue();
		}
	}

	private TcpTestConnection connect() {
		return TcpTestConnection.open(this.client.port(), Framing.NONE);
	}

	private static boolean roundTrip(TcpTestConnection connection, String payload) {
		byte[] frame = frame(payload);
		connection.sendRaw(frame);
		return Arrays.equals(connection.receiveBytes(frame.length), frame);
	}

	/**
	 * A frame as a client writes it, built independently of the application's encoder.
	 */
	private static byte[] frame(byte[] body) {
		return ByteBuffer.allocate(4 + body.length)
			.put((byte) 0xCA)
			.put((byte) 0xFE)
			.putShort((short) (4 + body.length))
			.put(body)
			.array();
	}

	private static byte[] frame(String body) {
		return frame(body.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
