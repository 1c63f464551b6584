package io.tcpgateway.framing;

import java.nio.ByteBuffer;

/**
 * Decodes frames that start with a big-endian length header of 1, 2 (both unsigned) or 4
 * (signed) bytes, the layout of Spring Integration's
 * {@code ByteArrayLengthHeaderSerializer}.
 *
 * <p>
 * The length is checked as soon as the header is complete: a negative length or one over
 * the maximum is rejected before any payload is buffered.
 */
final class LengthHeaderFrameDecoder extends CumulatingFrameDecoder {

	private final int headerSize;

	LengthHeaderFrameDecoder(int headerSize, int maxMessageSize) {
		super(maxMessageSize);
		this.headerSize = headerSize;
	}

	@Override
	protected byte[] decodeFrame(ByteBuffer buffer) throws FrameDecodingException {
		int start = buffer.position();
		if (buffer.remaining() < this.headerSize) {
			return null;
		}
		long length = payloadLength(buffer);
		if (length < 0) {
			throw new FrameDecodingException(FrameDecodingException.Reason.MALFORMED,
					"frame length (" + length + ") in the header is negative");
		}
		if (length > this.maxMessageSize) {
			throw FrameDecodingException.tooLong(length, this.maxMessageSize);
		}
		if (buffer.remaining() < this.headerSize + length) {
			return null;
		}
		buffer.position(start + this.headerSize);
		return take(buffer, (int) length);
	}

	@Override
	protected int incompleteFrameLength(ByteBuffer buffer) {
		return (buffer.remaining() < this.headerSize) ? -1 : this.headerSize + (int) payloadLength(buffer);
	}

	private long payloadLength(ByteBuffer buffer) {
		int start = buffer.position();
		return switch (this.headerSize) {
			case 1 -> buffer.get(start) & 0xffL;
			case 2 -> buffer.getShort(start) & 0xffffL;
			default -> buffer.getInt(start);
		};
	}

}
