package io.tcpgateway.framing;

import java.nio.ByteBuffer;

/**
 * Frames a payload behind a big-endian length header of 1, 2 (both unsigned) or 4
 * (signed) bytes, the layout {@link LengthHeaderFrameDecoder} reads.
 */
final class LengthHeaderFrameEncoder implements FrameEncoder {

	private final int headerSize;

	private final long maxLength;

	LengthHeaderFrameEncoder(int headerSize) {
		this.headerSize = headerSize;
		this.maxLength = (headerSize == 4) ? Integer.MAX_VALUE : (1L << (8 * headerSize)) - 1;
	}

	@Override
	public int frameLength(int payloadLength) {
		return this.headerSize + payloadLength;
	}

	@Override
	public void encode(byte[] payload, ByteBuffer target) {
		if (payload.length > this.maxLength) {
			throw new IllegalArgumentException("Length header: " + this.headerSize
					+ " too short to accommodate message length: " + payload.length);
		}
		switch (this.headerSize) {
			case 1 -> target.put((byte) payload.length);
			case 2 -> target.putShort((short) payload.length);
			default -> target.putInt(payload.length);
		}
		target.put(payload);
	}

}
