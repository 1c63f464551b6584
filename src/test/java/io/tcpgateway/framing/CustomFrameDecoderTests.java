package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An application's decoder, as the custom framing runs it: whatever it does with bad
 * input ends as a {@link FrameDecodingException}, as with a built-in decoder.
 */
class CustomFrameDecoderTests {

	private static final int MAX = 8;

	private static final FrameEncoder UNUSED_ENCODER = Framing.LF.encoder();

	@Test
	void framesOfAWellBehavedDecoderPassThrough() throws FrameDecodingException {
		FrameDecoder decoder = FrameCodec.custom(CommaFrameDecoder::new, UNUSED_ENCODER).newDecoder(MAX);
		List<String> frames = new ArrayList<>();
		decoder.decode(ascii("ab,c"), frame -> frames.add(text(frame)));
		assertThat(decoder.bufferedBytes()).isEqualTo(1);
		assertThat(decoder.retainedBytes()).isGreaterThanOrEqualTo(1);
		decoder.decode(ascii("d,"), frame -> frames.add(text(frame)));
		assertThat(frames).containsExactly("ab", "cd");
		assertThat(decoder.retainedBytes()).isZero();
	}

	@Test
	void aRuntimeExceptionOfTheDecoderIsAMalformedFrame() {
		IllegalStateException failure = new IllegalStateException("no such message type");
		FrameDecoder decoder = FrameCodec.custom(max -> new FixedDecoder() {
			@Override
			public void decode(ByteBuffer input, Consumer<byte[]> frames) {
				throw failure;
			}
		}, UNUSED_ENCODER).newDecoder(MAX);
		assertThatExceptionOfType(FrameDecodingException.class).isThrownBy(() -> decoder.decode(ascii("x"), frame -> {
		}))
			.withMessage("the frame decoder failed: java.lang.IllegalStateException: no such message type")
			.withCause(failure)
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.MALFORMED));
	}

	@Test
	void aFrameOverTheMaximumIsOversizeAndNotPassedOn() {
		FrameDecoder decoder = FrameCodec.custom(max -> new FixedDecoder() {
			@Override
			public void decode(ByteBuffer input, Consumer<byte[]> frames) {
				input.position(input.limit());
				frames.accept(new byte[1]);
				frames.accept(new byte[MAX + 1]);
				frames.accept(new byte[2]);
			}
		}, UNUSED_ENCODER).newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decoder.decode(ascii("x"), frames::add))
			.withMessage("frame length (" + (MAX + 1) + ") exceeds the allowed maximum (" + MAX + ")")
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.OVERSIZE));
		assertThat(frames).hasSize(1);
	}

	@Test
	void aReadLeftUnconsumedIsMalformed() {
		FrameDecoder decoder = FrameCodec.custom(max -> new FixedDecoder(), UNUSED_ENCODER).newDecoder(MAX);
		assertThatExceptionOfType(FrameDecodingException.class).isThrownBy(() -> decoder.decode(ascii("abc"), frame -> {
		})).withMessage("the frame decoder left 3 bytes of a read unconsumed");
	}

	@Test
	void aFailureOfTheGatewaysConsumerIsNotTheClients() {
		IllegalStateException downstream = new IllegalStateException("dispatch failed");
		FrameDecoder decoder = FrameCodec.custom(CommaFrameDecoder::new, UNUSED_ENCODER).newDecoder(MAX);
		assertThatIllegalStateException().isThrownBy(() -> decoder.decode(ascii("a,"), frame -> {
			throw downstream;
		})).isSameAs(downstream);
	}

	@Test
	void aFailingOrNegativeSizeReportKeepsTheLastCount() throws FrameDecodingException {
		int[] retained = { 100 };
		FrameDecoder decoder = FrameCodec.custom(max -> new FixedDecoder() {
			@Override
			public void decode(ByteBuffer input, Consumer<byte[]> frames) {
				input.position(input.limit());
			}

			@Override
			public int retainedBytes() {
				if (retained[0] == 0) {
					throw new IllegalStateException("lost count");
				}
				return retained[0];
			}
		}, UNUSED_ENCODER).newDecoder(MAX);
		decoder.decode(ascii("x"), frame -> {
		});
		assertThat(decoder.retainedBytes()).isEqualTo(100);
		retained[0] = 0;
		assertThat(decoder.retainedBytes()).isEqualTo(100);
		retained[0] = -5;
		assertThat(decoder.retainedBytes()).isZero();
	}

	@Test
	void theCustomFramingHasNoDecoderOrEncoderOfItsOwn() {
		assertThat(Framing.CUSTOM.isBuiltIn()).isFalse();
		assertThat(Framing.fromValue("custom")).isSameAs(Framing.CUSTOM);
		assertThatIllegalStateException().isThrownBy(() -> Framing.CUSTOM.newDecoder(MAX));
		assertThatIllegalStateException().isThrownBy(Framing.CUSTOM::encoder);
		assertThatIllegalArgumentException().isThrownBy(() -> FrameCodec.of(Framing.CUSTOM));
		assertThat(FrameCodec.custom(CommaFrameDecoder::new, UNUSED_ENCODER).framing()).isSameAs(Framing.CUSTOM);
	}

	private static ByteBuffer ascii(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.US_ASCII);
	}

	/** Frames ended by a comma, written as an application would, on the base class. */
	private static final class CommaFrameDecoder extends CumulatingFrameDecoder {

		CommaFrameDecoder(int maxMessageSize) {
			super(maxMessageSize);
		}

		@Override
		protected byte[] decodeFrame(ByteBuffer buffer) {
			for (int i = buffer.position(); i < buffer.limit(); i++) {
				if (buffer.get(i) == ',') {
					byte[] frame = take(buffer, i - buffer.position());
					buffer.get();
					return frame;
				}
			}
			return null;
		}

	}

	/** Consumes nothing and emits nothing, unless overridden. */
	private static class FixedDecoder implements FrameDecoder {

		@Override
		public void decode(ByteBuffer input, Consumer<byte[]> frames) throws FrameDecodingException {
		}

		@Override
		public void endOfStream(Consumer<byte[]> frames) {
		}

	}

}
