package com.example.lengthfield;

import java.nio.ByteBuffer;

import io.tcpgateway.framing.FrameEncoder;

/**
 * Frames a reply as {@link LengthFieldFrameDecoder} reads a request: the magic, the
 * length of the whole frame, then the payload. Keeps no state, so one instance serves
 * every connection.
 */
final class LengthFieldFrameEncoder implements FrameEncoder {

	private static final int MAX_FRAME_LENGTH = 0xffff;

	@Override
	public int frameLength(int payloadLength) {
		return LengthFieldFrameDecoder.HEADER_LENGTH + payloadLength;
	}

	@Override
	public void encode(byte[] payload, ByteBuffer target) {
		int frameLength = frameLength(payload.length);
		if (frameLength > MAX_FRAME_LENGTH) {
			// refused before anything is written
			throw new IllegalArgumentException(
					"A reply of " + payload.length + " bytes does not fit a two-byte frame length");
		}
		target.putShort((short) LengthFieldFrameDecoder.MAGIC).putShort((short) frameLength).put(payload);
	}

}
