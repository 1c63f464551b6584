package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts one connection's byte stream into frames without blocking: it is fed whatever a
 * read returned and keeps an incomplete frame until more bytes arrive. One instance per
 * connection, used by one thread at a time.
 */
public interface FrameDecoder {

	/**
	 * Decode every complete frame in {@code input}, in order, and keep any incomplete
	 * tail.
	 * @param input bytes just read; consumed entirely
	 * @param frames receives each frame's payload
	 * @throws FrameDecodingException when the stream breaks the framing rules or a frame
	 * is too long
	 */
	void decode(ByteBuffer input, Consumer<byte[]> frames) throws FrameDecodingException;

	/**
	 * Signal that the peer has finished sending.
	 * @param frames receives a final frame, for framings that end a frame by closing the
	 * stream
	 * @throws FrameDecodingException when an incomplete frame is left over
	 */
	void endOfStream(Consumer<byte[]> frames) throws FrameDecodingException;

	/**
	 * @return bytes of an incomplete frame kept so far
	 */
	default int bufferedBytes() {
		return 0;
	}

	/**
	 * @return heap this decoder holds for an incomplete frame: the size of the buffer
	 * keeping it, at least {@link #bufferedBytes()}; 0 between frames
	 */
	default int retainedBytes() {
		return bufferedBytes();
	}

}
