package io.tcpgateway.test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import io.tcpgateway.framing.Framing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The test client (Spring Integration's codecs) and the gateway's reply encoders agree on
 * every framing's wire format, byte for byte, and on its limits.
 */
class ClientCodecsTests {

	private static final int MAX = 1000;

	@ParameterizedTest
	@EnumSource(mode = EnumSource.Mode.EXCLUDE, names = "CUSTOM")
	void gatewayEncoderWritesWhatSpringIntegrationsCodecWrites(Framing framing) throws IOException {
		AbstractByteArraySerializer codec = ClientCodecs.of(framing, 70_000);
		Random random = new Random(7);
		for (int length : new int[] { 0, 1, 2, 255, 256, 1000, 65_535 }) {
			if (framing == Framing.LENGTH_HEADER_1 && length > 255) {
				continue;
			}
			byte[] payload = new byte[length];
			random.nextBytes(payload);
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			codec.serialize(payload, expected);
			assertThat(framing.encoder().encode(payload).array()).as("%d bytes", length)
				.isEqualTo(expected.toByteArray());
			assertThat(framing.encoder().frameLength(length)).isEqualTo(expected.size());
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "LENGTH_HEADER_1", "LENGTH_HEADER_2" })
	void payloadTooLongForItsLengthHeaderIsRefusedByBoth(Framing framing) {
		byte[] payload = new byte[(framing == Framing.LENGTH_HEADER_1) ? 256 : 65_536];
		assertThatIllegalArgumentException().isThrownBy(() -> framing.encoder().encode(payload))
			.withMessageContaining("too short to accommodate message length: " + payload.length);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientCodecs.of(framing, 70_000).serialize(payload, new ByteArrayOutputStream()));
	}

	@ParameterizedTest
	@EnumSource(
			names = { "CRLF", "LF", "STX_ETX", "NUL_TERMINATED", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "RAW", "MLLP" })
	void clientCodecAcceptsExactlyTheMaximumAndRejectsOneByteMore(Framing framing) throws IOException {
		byte[] largest = new byte[MAX];
		Arrays.fill(largest, (byte) 'a');
		byte[] tooLarge = new byte[MAX + 1];
		Arrays.fill(tooLarge, (byte) 'a');
		AbstractByteArraySerializer codec = ClientCodecs.of(framing, MAX);
		assertThat(codec.deserialize(new ByteArrayInputStream(framing.encoder().encode(largest).array())))
			.isEqualTo(largest);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> codec.deserialize(new ByteArrayInputStream(framing.encoder().encode(tooLarge).array())));
	}

}
