package io.tcpgateway.framing;

import java.util.function.IntFunction;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * How messages are delimited on the TCP stream; the one place where a framing maps to its codecs.
 *
 * <p>Each framing has a non-blocking {@link FrameDecoder} (the NIO path: a partial frame never holds a
 * thread) and a Spring Integration serializer. The serializer frames replies in both I/O modes; in the
 * blocking {@code net} mode it also decodes, one thread per connection.
 */
public enum Framing {

	/** Frames end with CR LF. */
	CRLF(max -> new DelimiterFrameDecoder(new byte[] { '\r', '\n' }, max), max -> TcpCodecs.crlf(max + 2)),

	/** Frames end with LF. */
	LF(max -> new DelimiterFrameDecoder(new byte[] { '\n' }, max), max -> TcpCodecs.lf(max + 1)),

	/** Frames start with STX (0x02) and end with ETX (0x03). */
	STX_ETX(StxEtxFrameDecoder::new, max -> TcpCodecs.stxetx(max + 1)),

	/** Frames end with a NUL byte (0x00). */
	NULL(max -> new DelimiterFrameDecoder(new byte[] { 0 }, max), max -> TcpCodecs.singleTerminator((byte) 0, max + 1)),

	/** Frames start with a one-byte unsigned length. */
	LENGTH_HEADER_1(max -> new LengthHeaderFrameDecoder(1, max), TcpCodecs::lengthHeader1),

	/** Frames start with a two-byte big-endian unsigned length. */
	LENGTH_HEADER_2(max -> new LengthHeaderFrameDecoder(2, max), TcpCodecs::lengthHeader2),

	/** Frames start with a four-byte big-endian signed length. */
	LENGTH_HEADER_4(max -> new LengthHeaderFrameDecoder(4, max), TcpCodecs::lengthHeader4),

	/** One message per connection, ended when the client closes (or half-closes) the connection. */
	RAW(RawFrameDecoder::new, TcpCodecs::raw),

	/** No framing: bytes are passed on as they arrive, in chunks of at most the maximum message size. */
	NONE(StreamChunkFrameDecoder::new, StreamChunkSerializer::new);

	private final IntFunction<FrameDecoder> decoderFactory;

	private final IntFunction<AbstractByteArraySerializer> codecFactory;

	Framing(IntFunction<FrameDecoder> decoderFactory, IntFunction<AbstractByteArraySerializer> codecFactory) {
		this.decoderFactory = decoderFactory;
		this.codecFactory = codecFactory;
	}

	/**
	 * Create a decoder for one connection; decoders keep the partial frame between reads.
	 * @param maxMessageSize the largest payload a frame may carry, in bytes
	 * @return a new decoder
	 */
	public FrameDecoder newDecoder(int maxMessageSize) {
		return this.decoderFactory.apply(maxMessageSize);
	}

	/**
	 * Create the Spring Integration codec: it frames replies, and decodes in the blocking I/O mode.
	 * @param maxMessageSize the largest payload a frame may carry, in bytes
	 * @return the codec
	 */
	public AbstractByteArraySerializer codec(int maxMessageSize) {
		return this.codecFactory.apply(maxMessageSize);
	}

}
