package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Base for decoders that need a whole frame before passing it on: frames complete in one read are
 * decoded straight from the read buffer, and only an incomplete tail is copied and kept.
 *
 * <p>The kept tail is bounded: subclasses reject a frame as soon as it is known to exceed the maximum,
 * so a connection never holds more than about one maximum-size frame.
 */
abstract class CumulatingFrameDecoder implements FrameDecoder {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	protected final int maxMessageSize;

	private ByteBuffer cumulation = EMPTY;

	CumulatingFrameDecoder(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public final void decode(ByteBuffer input, Consumer<byte[]> frames) throws FrameDecodingException {
		ByteBuffer source = input;
		if (this.cumulation.hasRemaining()) {
			append(input);
			source = this.cumulation;
		}
		byte[] frame;
		while (source.hasRemaining() && (frame = decodeFrame(source)) != null) {
			frames.accept(frame);
		}
		if (source == this.cumulation) {
			this.cumulation.compact().flip();
		}
		else if (source.hasRemaining()) {
			this.cumulation = ByteBuffer.allocate(Math.max(source.remaining() * 2, 256));
			this.cumulation.put(source).flip();
		}
		if (!this.cumulation.hasRemaining()) {
			// release an idle connection's buffer
			this.cumulation = EMPTY;
		}
	}

	@Override
	public void endOfStream(Consumer<byte[]> frames) throws FrameDecodingException {
		int buffered = this.cumulation.remaining();
		this.cumulation = EMPTY;
		if (buffered > 0) {
			throw FrameDecodingException.truncated(buffered);
		}
	}

	@Override
	public int bufferedBytes() {
		return this.cumulation.remaining();
	}

	/**
	 * Bytes of an incomplete frame kept so far.
	 * @return the kept bytes, positioned at the frame start; empty when none
	 */
	protected ByteBuffer buffered() {
		return this.cumulation;
	}

	/**
	 * Decode one frame starting at the buffer's position.
	 * @param buffer the bytes available; on success its position moves past the frame
	 * @return the payload, or {@code null} (position unchanged) when the frame is not complete yet
	 * @throws FrameDecodingException when the frame breaks the rules or is known to be too long
	 */
	protected abstract byte[] decodeFrame(ByteBuffer buffer) throws FrameDecodingException;

	private void append(ByteBuffer input) {
		if (this.cumulation.capacity() - this.cumulation.limit() < input.remaining()) {
			ByteBuffer grown = ByteBuffer.allocate(Math.max(this.cumulation.capacity() * 2,
					this.cumulation.remaining() + input.remaining()));
			grown.put(this.cumulation).flip();
			this.cumulation = grown;
		}
		int start = this.cumulation.position();
		this.cumulation.position(this.cumulation.limit()).limit(this.cumulation.capacity());
		this.cumulation.put(input);
		this.cumulation.limit(this.cumulation.position()).position(start);
	}

	static byte[] take(ByteBuffer buffer, int length) {
		byte[] payload = new byte[length];
		buffer.get(payload);
		return payload;
	}

}
