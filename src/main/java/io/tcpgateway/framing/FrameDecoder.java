package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts one connection's byte stream into frames without blocking: it is fed whatever a
 * read returned and keeps an incomplete frame until more bytes arrive.
 *
 * <p>
 * Every built-in framing has one, and an application implements one for
 * {@code tcp-gateway.framing=custom} (through a {@link FrameDecoderFactory} bean);
 * extending {@link CumulatingFrameDecoder} leaves only the parsing of one frame to write.
 * An implementation keeps these rules:
 * <ul>
 * <li>One instance per connection, called by one thread at a time, though not always the
 * same thread: it needs no locking, but must not share mutable state with other
 * instances. In {@code nio} mode it runs on a selector or worker thread that serves other
 * connections too, so it must never block.</li>
 * <li>{@link #decode} consumes all of its input: the buffer is reused for the next read,
 * so bytes of an incomplete frame must be copied and kept, not left in it.</li>
 * <li>{@link #retainedBytes()} reports the heap kept for an incomplete frame, which the
 * gateway counts against {@code tcp-gateway.max-buffered-bytes}; a decoder should keep no
 * more than one maximum-size frame plus one read.</li>
 * <li>Bad input, including a frame known to be over the maximum message size, is reported
 * by throwing {@link FrameDecodingException}: the connection is closed and the error
 * counted by its reason. The gateway treats any other exception from an application's
 * decoder, and any frame it emits over the maximum, the same way.</li>
 * </ul>
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
