package io.tcpgateway.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Feeds each decoder split and partial input, framed as Spring Integration's own codecs
 * frame it.
 */
class FrameDecoderTests {

	private static final int MAX = 1000;

	@ParameterizedTest
	@EnumSource(names = { "CRLF", "LF", "STX_ETX", "NUL_TERMINATED", "LENGTH_HEADER_1", "LENGTH_HEADER_2",
			"LENGTH_HEADER_4", "MLLP" })
	void decodesWhatSpringIntegrationEncodesWhateverTheReadBoundaries(Framing framing) throws IOException {
		List<byte[]> payloads = List.of(bytes("hello"), bytes(""), bytes("x".repeat(200)), bytes("world"));
		byte[] stream = encode(framing, payloads);
		for (int chunk : new int[] { 1, 2, 3, 7, 64, stream.length }) {
			FrameDecoder decoder = framing.newDecoder(MAX);
			List<byte[]> frames = new ArrayList<>();
			for (int i = 0; i < stream.length; i += chunk) {
				decoder.decode(ByteBuffer.wrap(stream, i, Math.min(chunk, stream.length - i)), frames::add);
			}
			decoder.endOfStream(frames::add);
			assertThat(frames).as("chunks of %d bytes", chunk).containsExactlyElementsOf(payloads);
		}
	}

	@ParameterizedTest
	@EnumSource(
			names = { "CRLF", "LF", "STX_ETX", "NUL_TERMINATED", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "RAW", "MLLP" })
	void acceptsExactlyTheMaximumAndRejectsOneByteMore(Framing framing) throws IOException {
		byte[] largest = new byte[MAX];
		Arrays.fill(largest, (byte) 'a');
		byte[] tooLarge = new byte[MAX + 1];
		Arrays.fill(tooLarge, (byte) 'a');

		assertThat(decodeAll(framing, encode(framing, List.of(largest)))).containsExactly(largest);
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decodeAll(framing, encode(framing, List.of(tooLarge))))
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.OVERSIZE))
			.withMessageContaining("exceeds the allowed maximum (" + MAX + ")");
	}

	@Test
	void delimitedFrameIsRejectedBeforeItsDelimiterArrives() {
		FrameDecoder decoder = Framing.CRLF.newDecoder(MAX);
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[MAX + 2]), frame -> {
			}))
			.withMessage("frame length (" + (MAX + 1) + ") exceeds the allowed maximum (" + MAX + ")");
	}

	@Test
	void crlfSplitBetweenReadsEndsTheFrame() throws IOException {
		FrameDecoder decoder = Framing.CRLF.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(ByteBuffer.wrap(bytes("ab\r")), frames::add);
		assertThat(frames).isEmpty();
		decoder.decode(ByteBuffer.wrap(bytes("\ncd\r\n")), frames::add);
		assertThat(frames).containsExactly(bytes("ab"), bytes("cd"));
	}

	@Test
	void lfInsideACrlfFrameIsPayload() throws IOException {
		assertThat(decodeAll(Framing.CRLF, bytes("a\nb\rc\r\n"))).containsExactly(bytes("a\nb\rc"));
	}

	@Test
	void lengthHeaderOverTheMaximumIsRejectedBeforeThePayload() {
		FrameDecoder decoder = Framing.LENGTH_HEADER_4.newDecoder(MAX);
		ByteBuffer header = ByteBuffer.allocate(4).putInt(MAX + 1).flip();
		assertThatExceptionOfType(FrameDecodingException.class).isThrownBy(() -> decoder.decode(header, frame -> {
		})).satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.OVERSIZE));
	}

	@Test
	void negativeLengthHeaderIsMalformed() {
		FrameDecoder decoder = Framing.LENGTH_HEADER_4.newDecoder(MAX);
		ByteBuffer header = ByteBuffer.allocate(4).putInt(-5).flip();
		assertThatExceptionOfType(FrameDecodingException.class).isThrownBy(() -> decoder.decode(header, frame -> {
		}))
			.withMessage("frame length (-5) in the header is negative")
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.MALFORMED));
	}

	@Test
	void frameWithoutStxIsMalformed() {
		FrameDecoder decoder = Framing.STX_ETX.newDecoder(MAX);
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("A\u0003")), frame -> {
			}))
			.withMessage("expected 0x02 at the start of a frame but got 0x41");
	}

	@Test
	void mllpFrameWithoutVtIsMalformed() {
		FrameDecoder decoder = Framing.MLLP.newDecoder(MAX);
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("MSH|^~\\&\u001c\r")), frame -> {
			}))
			.withMessage("expected 0x0b at the start of a frame but got 0x4d")
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.MALFORMED));
	}

	@Test
	void mllpGarbageAfterAFrameIsMalformedOnceTheFirstFrameIsOut() {
		FrameDecoder decoder = Framing.MLLP.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes("\u000bone\u001c\rjunk")), frames::add))
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.MALFORMED));
		assertThat(frames).containsExactly(bytes("one"));
	}

	@Test
	void mllpEndSplitBetweenReadsEndsTheFrameAndLoneFsOrCrIsPayload() throws IOException {
		FrameDecoder decoder = Framing.MLLP.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(ByteBuffer.wrap(bytes("\u000bMSH|a\rPID|\u001cb\u001c")), frames::add);
		assertThat(frames).isEmpty();
		assertThat(decoder.bufferedBytes()).isPositive();
		decoder.decode(ByteBuffer.wrap(bytes("\r\u000b")), frames::add);
		assertThat(frames).containsExactly(bytes("MSH|a\rPID|\u001cb"));
		decoder.decode(ByteBuffer.wrap(bytes("x\u001c\u001c\r")), frames::add);
		assertThat(frames).containsExactly(bytes("MSH|a\rPID|\u001cb"), bytes("x\u001c"));
		decoder.endOfStream(frames::add);
		assertThat(decoder.retainedBytes()).isZero();
	}

	@Test
	void mllpFrameIsRejectedBeforeItsEndArrives() {
		FrameDecoder decoder = Framing.MLLP.newDecoder(MAX);
		byte[] start = new byte[MAX + 3];
		start[0] = 0x0B;
		assertThatExceptionOfType(FrameDecodingException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(start), frame -> {
			}))
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.OVERSIZE));
	}

	@Test
	void streamEndingInsideAFrameIsTruncated() throws IOException {
		FrameDecoder decoder = Framing.CRLF.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(ByteBuffer.wrap(bytes("one\r\ntw")), frames::add);
		assertThat(frames).containsExactly(bytes("one"));
		assertThatExceptionOfType(FrameDecodingException.class).isThrownBy(() -> decoder.endOfStream(frames::add))
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(FrameDecodingException.Reason.TRUNCATED));
	}

	@Test
	void rawFrameIsCompleteAtEndOfStream() throws IOException {
		FrameDecoder decoder = Framing.RAW.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(ByteBuffer.wrap(bytes("one\r\n")), frames::add);
		decoder.decode(ByteBuffer.wrap(bytes("two")), frames::add);
		assertThat(frames).isEmpty();
		decoder.endOfStream(frames::add);
		assertThat(frames).containsExactly(bytes("one\r\ntwo"));
	}

	@Test
	void noneFramingPassesEachReadOnInChunksOfAtMostTheMaximum() throws IOException {
		FrameDecoder decoder = Framing.NONE.newDecoder(4);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(ByteBuffer.wrap(bytes("abcdefghij")), frames::add);
		decoder.endOfStream(frames::add);
		assertThat(frames).containsExactly(bytes("abcd"), bytes("efgh"), bytes("ij"));
	}

	@ParameterizedTest
	@EnumSource(mode = EnumSource.Mode.EXCLUDE, names = { "RAW", "NONE", "CUSTOM" })
	void randomPayloadsSurviveRandomSplits(Framing framing) throws IOException {
		Random random = new Random(42);
		EnumSet<Framing> delimited = EnumSet.of(Framing.CRLF, Framing.LF, Framing.STX_ETX, Framing.NUL_TERMINATED,
				Framing.MLLP);
		List<byte[]> payloads = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			byte[] payload = new byte[random.nextInt(framing == Framing.LENGTH_HEADER_1 ? 256 : MAX)];
			random.nextBytes(payload);
			if (delimited.contains(framing)) {
				// delimiter bytes cannot appear inside a delimited payload
				for (int j = 0; j < payload.length; j++) {
					payload[j] = (byte) ('a' + Math.floorMod(payload[j], 26));
				}
			}
			payloads.add(payload);
		}
		byte[] stream = encode(framing, payloads);
		FrameDecoder decoder = framing.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		for (int i = 0; i < stream.length;) {
			int chunk = Math.min(1 + random.nextInt(3000), stream.length - i);
			decoder.decode(ByteBuffer.wrap(stream, i, chunk), frames::add);
			i += chunk;
		}
		assertThat(frames).containsExactlyElementsOf(payloads);
	}

	private static List<byte[]> decodeAll(Framing framing, byte[] stream) throws FrameDecodingException {
		FrameDecoder decoder = framing.newDecoder(MAX);
		List<byte[]> frames = new ArrayList<>();
		decoder.decode(ByteBuffer.wrap(stream), frames::add);
		decoder.endOfStream(frames::add);
		return frames;
	}

	/**
	 * Frames with the gateway's encoder, which writes what Spring Integration's codecs do
	 * (ClientCodecsTests).
	 */
	private static byte[] encode(Framing framing, List<byte[]> payloads) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] payload : payloads) {
			out.writeBytes(framing.encoder().encode(payload).array());
		}
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
