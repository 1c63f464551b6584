package com.example.lengthfield;

import java.nio.ByteBuffer;

import io.tcpgateway.framing.CumulatingFrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;

/**
 * Decodes frames with a four-byte header: the magic {@code 0xCAFE}, then a two-byte
 * big-endian length that counts the header too; the payload handed on is the body, the
 * header stripped.
 *
 * <p>
 * In Netty's terms, a {@code LengthFieldBasedFrameDecoder} with length field offset 2,
 * length field length 2, length adjustment -4 and 4 initial bytes to strip. The base
 * class keeps an incomplete frame between reads and bounds it; this class only reads one
 * frame's header, and rejects a frame as soon as its header is wrong or announces more
 * than the maximum.
 */
final class LengthFieldFrameDecoder extends CumulatingFrameDecoder {

	static final int MAGIC = 0xCAFE;

	static final int HEADER_LENGTH = 4;

	private static final int LENGTH_FIELD_OFFSET = 2;

	/** The length counts the header: the body is this much shorter. */
	private static final int LENGTH_ADJUSTMENT = -HEADER_LENGTH;

	LengthFieldFrameDecoder(int maxMessageSize) {
		super(maxMessageSize);
	}

	@Override
	protected byte[] decodeFrame(ByteBuffer buffer) throws FrameDecodingException {
		int start = buffer.position();
		if (buffer.remaining() >= 2 && (buffer.getShort(start) & 0xffff) != MAGIC) {
			throw new FrameDecodingException(FrameDecodingException.Reason.MALFORMED,
					String.format("expected the magic 0x%04x at the start of a frame but got 0x%04x", MAGIC,
							buffer.getShort(start) & 0xffff));
		}
		if (buffer.remaining() < HEADER_LENGTH) {
			return null;
		}
		int frameLength = frameLength(buffer);
		int bodyLength = frameLength + LENGTH_ADJUSTMENT;
		if (bodyLength < 0) {
			throw new FrameDecodingException(FrameDecodingException.Reason.MALFORMED,
					"frame length (" + frameLength + ") is shorter than its header");
		}
		if (bodyLength > this.maxMessageSize) {
			throw FrameDecodingException.tooLong(bodyLength, this.maxMessageSize);
		}
		if (buffer.remaining() < frameLength) {
			return null;
		}
		buffer.position(start + HEADER_LENGTH);
		return take(buffer, bodyLength);
	}

	/** Lets the base class size the kept tail for the whole frame at once. */
	@Override
	protected int incompleteFrameLength(ByteBuffer buffer) {
		return (buffer.remaining() < HEADER_LENGTH) ? -1 : frameLength(buffer);
	}

	private static int frameLength(ByteBuffer buffer) {
		return buffer.getShort(buffer.position() + LENGTH_FIELD_OFFSET) & 0xffff;
	}

}
