package io.tcpgateway.framing;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * How messages are delimited on the TCP stream; the one place where a framing maps to its
 * decoder and its reply encoder.
 *
 * <p>
 * Each framing has a non-blocking {@link FrameDecoder}, used by both I/O modes (a partial
 * frame never holds a thread in {@code nio} mode), and a {@link FrameEncoder} that frames
 * replies. The wire formats are those of Spring Integration's codecs of the same names;
 * MLLP has none there. {@link #CUSTOM} has neither: the application provides them.
 */
public enum Framing {

	/** Frames end with CR LF. */
	CRLF("crlf", max -> new DelimiterFrameDecoder(new byte[] { '\r', '\n' }, max), suffixed('\r', '\n')),

	/** Frames end with LF. */
	LF("lf", max -> new DelimiterFrameDecoder(new byte[] { '\n' }, max), suffixed('\n')),

	/** Frames start with STX (0x02) and end with ETX (0x03). */
	STX_ETX("stx-etx", StxEtxFrameDecoder::new, new DelimitedFrameEncoder(new byte[] { 0x02 }, new byte[] { 0x03 })),

	/** Frames end with a NUL byte (0x00); the property value is {@code null}. */
	NUL_TERMINATED("null", max -> new DelimiterFrameDecoder(new byte[] { 0 }, max), suffixed(0)),

	/** Frames start with a one-byte unsigned length. */
	LENGTH_HEADER_1("length-header-1", max -> new LengthHeaderFrameDecoder(1, max), new LengthHeaderFrameEncoder(1)),

	/** Frames start with a two-byte big-endian unsigned length. */
	LENGTH_HEADER_2("length-header-2", max -> new LengthHeaderFrameDecoder(2, max), new LengthHeaderFrameEncoder(2)),

	/** Frames start with a four-byte big-endian signed length. */
	LENGTH_HEADER_4("length-header-4", max -> new LengthHeaderFrameDecoder(4, max), new LengthHeaderFrameEncoder(4)),

	/**
	 * One message per connection, ended when the client closes (or half-closes) the
	 * connection.
	 */
	RAW("raw", RawFrameDecoder::new, suffixed()),

	/**
	 * No framing: bytes are passed on as they arrive, in chunks of at most the maximum
	 * message size.
	 */
	NONE("none", StreamChunkFrameDecoder::new, suffixed()),

	/**
	 * HL7 MLLP: frames start with VT (0x0B) and end with FS CR (0x1C 0x0D); a frame that
	 * does not start with VT is rejected.
	 */
	MLLP("mllp", max -> new DelimiterFrameDecoder(0x0B, new byte[] { 0x1C, 0x0D }, max),
			new DelimitedFrameEncoder(new byte[] { 0x0B }, new byte[] { 0x1C, 0x0D })),

	/**
	 * The application's own framing: its {@link FrameDecoderFactory} and
	 * {@link FrameEncoder} beans, resolved into a {@link FrameCodec} at startup.
	 */
	CUSTOM("custom", null, null);

	private final String value;

	private final IntFunction<FrameDecoder> decoderFactory;

	private final FrameEncoder encoder;

	Framing(String value, IntFunction<FrameDecoder> decoderFactory, FrameEncoder encoder) {
		this.value = value;
		this.decoderFactory = decoderFactory;
		this.encoder = encoder;
	}

	/**
	 * @return the framing as the {@code tcp-gateway.framing} property spells it, also its
	 * metric tag
	 */
	public String value() {
		return this.value;
	}

	/**
	 * @param value a property value: {@link #value()}, or the constant's name in any
	 * case, with dashes or underscores
	 * @return the framing it names
	 * @throws IllegalArgumentException when it names none
	 */
	public static Framing fromValue(String value) {
		String normalized = value.trim().replace('_', '-');
		for (Framing framing : values()) {
			if (framing.value.equalsIgnoreCase(normalized)
					|| framing.name().replace('_', '-').equalsIgnoreCase(normalized)) {
				return framing;
			}
		}
		throw new IllegalArgumentException(
				"No framing '" + value + "'; one of " + Arrays.stream(values()).map(Framing::value).toList());
	}

	/**
	 * @return whether the gateway has this framing's decoder and encoder, that is, it is
	 * not {@link #CUSTOM}
	 */
	public boolean isBuiltIn() {
		return this.encoder != null;
	}

	/**
	 * Create a decoder for one connection; decoders keep the partial frame between reads.
	 * @param maxMessageSize the largest payload a frame may carry, in bytes
	 * @return a new decoder
	 * @throws IllegalStateException for {@link #CUSTOM}, whose decoders the application
	 * provides
	 */
	public FrameDecoder newDecoder(int maxMessageSize) {
		return builtIn().decoderFactory.apply(maxMessageSize);
	}

	/**
	 * @return the encoder that frames replies, shared by every connection
	 * @throws IllegalStateException for {@link #CUSTOM}, whose encoder the application
	 * provides
	 */
	public FrameEncoder encoder() {
		return builtIn().encoder;
	}

	private Framing builtIn() {
		if (!isBuiltIn()) {
			throw new IllegalStateException("The " + this.value + " framing has no decoder or encoder of the gateway's;"
					+ " use FrameCodec.custom with the application's");
		}
		return this;
	}

	private static FrameEncoder suffixed(int... suffix) {
		byte[] bytes = new byte[suffix.length];
		for (int i = 0; i < suffix.length; i++) {
			bytes[i] = (byte) suffix[i];
		}
		return new DelimitedFrameEncoder(new byte[0], bytes);
	}

}
