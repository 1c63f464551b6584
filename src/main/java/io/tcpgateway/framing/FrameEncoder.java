package io.tcpgateway.framing;

import java.nio.ByteBuffer;

/**
 * Frames one reply payload for the stream, the inverse of a {@link FrameDecoder}.
 * Encoders keep no state: one instance serves every connection and thread.
 */
public interface FrameEncoder {

	/**
	 * @param payloadLength the length of a payload
	 * @return the length of its frame on the stream
	 */
	int frameLength(int payloadLength);

	/**
	 * Write the frame of {@code payload} into {@code target}.
	 * @param payload the reply, without framing
	 * @param target a buffer with at least {@link #frameLength(int)} bytes remaining
	 * @throws IllegalArgumentException when the framing cannot carry a payload this long
	 */
	void encode(byte[] payload, ByteBuffer target);

	/**
	 * @return the frame of {@code payload} in a buffer of its own, ready to be written
	 */
	default ByteBuffer encode(byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(frameLength(payload.length));
		encode(payload, frame);
		return frame.flip();
	}

}
