package io.tcpgateway.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tcpgateway.testing.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every framing's decoder with whatever a client may send, and with valid streams
 * cut at arbitrary read boundaries. Decoders read untrusted bytes off the socket one read
 * at a time, so a decoder that throws anything but {@link FrameDecodingException}, keeps
 * more than one maximum-size frame plus one read, or decodes differently depending on
 * where reads end, lets a client break or exhaust the gateway.
 *
 * <p>
 * An input starts with a framing (a byte: its index in {@link #BUILT_IN}, modulo their
 * number) and a maximum message size (two bytes: 1 plus their value modulo
 * {@value #MAX_MESSAGE_SIZES}, small so that the fuzzer reaches the limits); lengths are
 * one byte, or {@code 0xff} and two bytes ({@link FuzzInput}). {@code ./mvnw verify}
 * replays the seeds in {@code FrameDecoderFuzzTestsInputs}; {@code JAZZER_FUZZ=1} fuzzes
 * (see the README).
 */
class FrameDecoderFuzzTests {

	private static final int MAX_MESSAGE_SIZES = 4096;

	/**
	 * The framings with a decoder of the gateway's, in declaration order, so a seed keeps
	 * its framing as framings are added.
	 */
	static final Framing[] BUILT_IN = Arrays.stream(Framing.values())
		.filter(Framing::isBuiltIn)
		.toArray(Framing[]::new);

	/**
	 * After the framing and the maximum: a byte whose lowest bit asks for direct read
	 * buffers, then reads, each a length and its bytes.
	 */
	@FuzzTest(maxDuration = FuzzInput.FUZZ_DURATION)
	void anyBytesFailOnlyAsDecodingErrorsAndKeepAtMostOneFrame(byte[] bytes) {
		FuzzInput input = new FuzzInput(bytes);
		Framing framing = input.pick(BUILT_IN);
		int max = maxMessageSize(input);
		boolean direct = (input.u8() & 1) != 0;
		FrameDecoder decoder = framing.newDecoder(max);
		Frames frames = new Frames(max);
		try {
			while (input.hasRemaining()) {
				decode(decoder, input.lengthPrefixed(), direct, frames);
			}
			decoder.endOfStream(frames::add);
		}
		catch (FrameDecodingException ex) {
			// the one way a decoder may reject a stream: the connection is closed
			assertThat(ex.getReason()).isNotNull();
			return;
		}
		assertThat(decoder.retainedBytes()).as("heap held after the end of the stream").isZero();
	}

	/**
	 * After the framing and the maximum: a count of payloads (a byte), each a length (two
	 * bytes, modulo the maximum plus 2, so that some are one byte too long) and its
	 * bytes; then the sizes of the reads the stream arrives in, each a length; what is
	 * left after the last one arrives in one read.
	 */
	@FuzzTest(maxDuration = FuzzInput.FUZZ_DURATION)
	void validStreamsDecodeAlikeWhateverTheReadBoundaries(byte[] bytes) {
		FuzzInput input = new FuzzInput(bytes);
		Framing framing = input.pick(BUILT_IN);
		int max = maxMessageSize(input);
		int count = input.u8();
		List<byte[]> payloads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] payload = input.bytes(input.u16() % (max + 2));
			if (canCarry(framing, payload)) {
				payloads.add(payload);
			}
		}
		byte[] stream = encode(framing, payloads);
		List<byte[]> reads = input.split(stream);

		Outcome whole = decodeAll(framing, max, List.of(stream));
		Outcome split = decodeAll(framing, max, reads);
		assertThat(whole).as("the stream in one read").isEqualTo(expected(framing, max, payloads, List.of(stream)));
		assertThat(split).as("the stream in %d reads", reads.size()).isEqualTo(expected(framing, max, payloads, reads));
	}

	/**
	 * Whether a framing can carry a payload: the encoder does not escape delimiters, and
	 * a one-byte header cannot say more than 255.
	 */
	static boolean canCarry(Framing framing, byte[] payload) {
		return switch (framing) {
			case CRLF -> indexOf(payload, (byte) '\r', (byte) '\n') < 0;
			case LF -> indexOf(payload, (byte) '\n') < 0;
			case STX_ETX -> indexOf(payload, (byte) 0x03) < 0;
			case NUL_TERMINATED -> indexOf(payload, (byte) 0) < 0;
			case MLLP -> indexOf(payload, (byte) 0x1C, (byte) 0x0D) < 0;
			case LENGTH_HEADER_1 -> payload.length <= 0xff;
			case LENGTH_HEADER_2, LENGTH_HEADER_4, RAW, NONE -> true;
			case CUSTOM -> throw new IllegalArgumentException("not a built-in framing");
		};
	}

	/**
	 * What decoding {@code payloads}, encoded and arriving in {@code reads}, must give:
	 * the frames up to the first one over the maximum, which is rejected as oversize. A
	 * raw stream is one frame, ended by the end of the stream; an unframed one is each
	 * read in chunks of at most the maximum, so only it depends on where reads end.
	 */
	private static Outcome expected(Framing framing, int max, List<byte[]> payloads, List<byte[]> reads) {
		return switch (framing) {
			case RAW -> {
				byte[] stream = concat(reads);
				if (stream.length > max) {
					yield new Outcome(List.of(), FrameDecodingException.Reason.OVERSIZE);
				}
				yield new Outcome((stream.length > 0) ? List.of(stream) : List.of(), null);
			}
			case NONE -> {
				List<byte[]> chunks = new ArrayList<>();
				for (byte[] read : reads) {
					for (int i = 0; i < read.length; i += max) {
						chunks.add(Arrays.copyOfRange(read, i, Math.min(i + max, read.length)));
					}
				}
				yield new Outcome(chunks, null);
			}
			default -> {
				List<byte[]> frames = new ArrayList<>();
				for (byte[] payload : payloads) {
					if (payload.length > max) {
						yield new Outcome(frames, FrameDecodingException.Reason.OVERSIZE);
					}
					frames.add(payload);
				}
				yield new Outcome(frames, null);
			}
		};
	}

	private static Outcome decodeAll(Framing framing, int max, List<byte[]> reads) {
		FrameDecoder decoder = framing.newDecoder(max);
		Frames frames = new Frames(max);
		try {
			for (byte[] read : reads) {
				decode(decoder, read, false, frames);
			}
			decoder.endOfStream(frames::add);
			return new Outcome(frames.payloads, null);
		}
		catch (FrameDecodingException ex) {
			return new Outcome(frames.payloads, ex.getReason());
		}
	}

	/**
	 * Decode one read, then check that it was consumed and that the decoder holds no more
	 * than one maximum-size frame with its framing plus that read.
	 */
	private static void decode(FrameDecoder decoder, byte[] read, boolean direct, Frames frames)
			throws FrameDecodingException {
		ByteBuffer buffer = FuzzInput.readBuffer(read, direct);
		decoder.decode(buffer, frames::add);
		assertThat(buffer.hasRemaining()).as("read left unconsumed").isFalse();
		assertThat(decoder.bufferedBytes()).as("bytes kept").isLessThanOrEqualTo(decoder.retainedBytes());
		assertThat(decoder.retainedBytes()).as("heap held after a read of %d bytes", read.length)
			.isLessThanOrEqualTo(frames.max + CumulatingFrameDecoder.FRAMING_OVERHEAD + read.length);
	}

	private static int maxMessageSize(FuzzInput input) {
		return 1 + input.u16() % MAX_MESSAGE_SIZES;
	}

	static byte[] encode(Framing framing, List<byte[]> payloads) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] payload : payloads) {
			ByteBuffer frame = framing.encoder().encode(payload);
			out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
		}
		return out.toByteArray();
	}

	private static byte[] concat(List<byte[]> parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		parts.forEach(out::writeBytes);
		return out.toByteArray();
	}

	private static int indexOf(byte[] bytes, byte... sequence) {
		for (int i = 0; i + sequence.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + sequence.length, sequence, 0, sequence.length)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The frames a decoder gave, none of them longer than the maximum.
	 */
	private static final class Frames {

		private final int max;

		private final List<byte[]> payloads = new ArrayList<>();

		Frames(int max) {
			this.max = max;
		}

		void add(byte[] frame) {
			assertThat(frame.length).as("frame length").isLessThanOrEqualTo(this.max);
			this.payloads.add(frame);
		}

	}

	/**
	 * The frames a stream decoded to, and why the decoder stopped it, if it did.
	 */
	private record Outcome(List<byte[]> frames, FrameDecodingException.Reason failure) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Outcome that && this.failure == that.failure
					&& Arrays.deepEquals(this.frames.toArray(), that.frames.toArray());
		}

		@Override
		public int hashCode() {
			return Arrays.deepHashCode(this.frames.toArray());
		}

		@Override
		public String toString() {
			return this.frames.size() + " frames of " + this.frames.stream().map(frame -> frame.length).toList()
					+ " bytes" + ((this.failure != null) ? ", then " + this.failure : "");
		}

	}

}
