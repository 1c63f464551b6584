package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tcpgateway.testing.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Fuzzes every framing's reply encoder with payloads of any length and content: a reply
 * whose frame is longer than {@link FrameEncoder#frameLength(int)} said overflows the
 * buffer sized for it, and one the framing's decoder does not read back as the same
 * payload is a reply the client cannot parse.
 *
 * <p>
 * An input is a framing (a byte: its index in {@link FrameDecoderFuzzTests#BUILT_IN},
 * modulo their number), a payload length (three bytes, modulo {@value #MAX_PAYLOAD} + 1,
 * past what a two-byte length header can say) and the bytes the payload repeats (zeros
 * when there are none). {@code ./mvnw verify} replays the seeds in
 * {@code FrameEncoderFuzzTestsInputs}; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
class FrameEncoderFuzzTests {

	private static final int MAX_PAYLOAD = 70_000;

	/** Where the frame is written in a larger buffer, to catch writes before it. */
	private static final int OFFSET = 5;

	@FuzzTest(maxDuration = FuzzInput.FUZZ_DURATION)
	void everyPayloadEncodesToItsFrameLengthAndDecodesBack(byte[] bytes) throws FrameDecodingException {
		FuzzInput input = new FuzzInput(bytes);
		Framing framing = input.pick(FrameDecoderFuzzTests.BUILT_IN);
		int length = ((input.u8() << 16) | input.u16()) % (MAX_PAYLOAD + 1);
		byte[] payload = repeat(input.rest(), length);
		FrameEncoder encoder = framing.encoder();

		ByteBuffer target = ByteBuffer.allocate(OFFSET + encoder.frameLength(length) + OFFSET);
		target.position(OFFSET);
		if (tooLong(framing, length)) {
			// the one documented refusal, made before anything is written
			assertThatIllegalArgumentException().isThrownBy(() -> encoder.encode(payload, target));
			assertThat(target.position()).as("bytes written before refusing").isEqualTo(OFFSET);
			assertThatIllegalArgumentException().isThrownBy(() -> encoder.encode(payload));
			return;
		}
		encoder.encode(payload, target);
		assertThat(target.position() - OFFSET).as("bytes written").isEqualTo(encoder.frameLength(length));
		ByteBuffer frame = encoder.encode(payload);
		assertThat(frame.remaining()).as("frame length").isEqualTo(encoder.frameLength(length));
		assertThat(frame).as("frame in a buffer of its own").isEqualTo(target.flip().position(OFFSET));

		if (FrameDecoderFuzzTests.canCarry(framing, payload)) {
			// a decoder whose maximum is exactly this payload's length must accept it
			assertThat(decode(framing, Math.max(length, 1), frame))
				.containsExactlyElementsOf(expected(framing, payload));
		}
	}

	private static boolean tooLong(Framing framing, int length) {
		return switch (framing) {
			case LENGTH_HEADER_1 -> length > 0xff;
			case LENGTH_HEADER_2 -> length > 0xffff;
			default -> false;
		};
	}

	/**
	 * Raw and unframed streams have no frame for an empty payload: there is nothing on
	 * the wire to read.
	 */
	private static List<byte[]> expected(Framing framing, byte[] payload) {
		boolean nothingOnTheWire = (framing == Framing.RAW || framing == Framing.NONE) && payload.length == 0;
		return nothingOnTheWire ? List.of() : List.of(payload);
	}

	private static List<byte[]> decode(Framing framing, int max, ByteBuffer frame) throws FrameDecodingException {
		FrameDecoder decoder = framing.newDecoder(max);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(frame, frames::add);
		decoder.endOfStream(frames::add);
		return frames;
	}

	private static byte[] repeat(byte[] pattern, int length) {
		byte[] payload = new byte[length];
		for (int i = 0; pattern.length > 0 && i < length; i += pattern.length) {
			System.arraycopy(pattern, 0, payload, i, Math.min(pattern.length, length - i));
		}
		return payload;
	}

}
