package io.tcpgateway.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Payload contents and frame boundaries, including partial and malformed frames.
 */
class PayloadsTests {

	private final Payloads payloads = new Payloads(40);

	private final byte[] scratch = this.payloads.newBuffer();

	@Test
	void payloadStartsWithConnectionAndSequenceAndHoldsNoDelimiter() {
		byte[] payload = this.payloads.newBuffer();
		this.payloads.fill(payload, 12, 3456);
		String text = new String(payload, StandardCharsets.US_ASCII);
		assertThat(text).startsWith("12 3456 ").hasSize(40).doesNotContain("\r", "\n");
		assertThat(this.payloads.matches(payload, 0, 12, 3456, this.scratch)).isTrue();
		assertThat(this.payloads.matches(payload, 0, 12, 3457, this.scratch)).isFalse();
	}

	@Test
	void anotherIntactPayloadOfTheConnectionClaimsItsSequence() {
		byte[] payload = this.payloads.newBuffer();
		this.payloads.fill(payload, 7, 99);
		assertThat(this.payloads.claimedSequence(payload, 0, 7, this.scratch)).isEqualTo(99);
		assertThat(this.payloads.claimedSequence(payload, 0, 8, this.scratch)).isEqualTo(-1);
		payload[30] ^= 1;
		assertThat(this.payloads.claimedSequence(payload, 0, 7, this.scratch)).isEqualTo(-1);
	}

	@Test
	void delimitedFrameIsCompleteOnlyWithItsDelimiter() {
		ByteBuffer partial = ByteBuffer.wrap(("x".repeat(40) + "\r").getBytes(StandardCharsets.US_ASCII));
		assertThat(Framing.CRLF.completeFrameLength(partial, 40)).isEqualTo(-1);
		ByteBuffer complete = ByteBuffer.wrap(("x".repeat(40) + "\r\nyy").getBytes(StandardCharsets.US_ASCII));
		assertThat(Framing.CRLF.completeFrameLength(complete, 40)).isEqualTo(42);
	}

	@Test
	void frameOfTheWrongLengthIsCorrupt() {
		ByteBuffer shortFrame = ByteBuffer.wrap(("x".repeat(10) + "\n").getBytes(StandardCharsets.US_ASCII));
		assertThatExceptionOfType(CorruptReplyException.class)
			.isThrownBy(() -> Framing.LF.completeFrameLength(shortFrame, 40))
			.withMessage("frame of 10 bytes, expected 40");
		ByteBuffer noDelimiter = ByteBuffer.wrap("x".repeat(41).getBytes(StandardCharsets.US_ASCII));
		assertThatExceptionOfType(CorruptReplyException.class)
			.isThrownBy(() -> Framing.LF.completeFrameLength(noDelimiter, 40));
		ByteBuffer wrongHeader = ByteBuffer.allocate(8).putInt(41).flip();
		assertThatExceptionOfType(CorruptReplyException.class)
			.isThrownBy(() -> Framing.LENGTH_HEADER_4.completeFrameLength(wrongHeader, 40))
			.withMessage("length header (41) differs from the payload size (40)");
	}

	@Test
	void lengthHeaderFrameIsCompleteWithItsPayload() {
		ByteBuffer frame = ByteBuffer.allocate(44);
		Framing.LENGTH_HEADER_4.encode(new byte[40], frame);
		frame.flip().limit(43);
		assertThat(Framing.LENGTH_HEADER_4.completeFrameLength(frame, 40)).isEqualTo(-1);
		frame.limit(44);
		assertThat(Framing.LENGTH_HEADER_4.completeFrameLength(frame, 40)).isEqualTo(44);
	}

}
