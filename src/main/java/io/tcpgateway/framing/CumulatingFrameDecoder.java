package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Base for decoders that need a whole frame before passing it on: frames complete in one
 * read are decoded straight from the read buffer, and only an incomplete tail is copied
 * and kept.
 *
 * <p>
 * The kept tail is bounded: subclasses reject a frame as soon as it is known to exceed
 * the maximum, so a connection never holds more than one maximum-size frame plus one
 * read. It is first sized to what is kept and then grows by doubling, never past one
 * maximum-size frame unless the bytes to keep need it; when a header gave the frame's
 * length, it is sized for the whole frame at once, unless that is over
 * {@value #AHEAD_OF_DATA} times the bytes received, so a few header bytes cannot make it
 * reserve a maximum-size frame. Kept bytes are moved to the front only when that makes
 * room, so a large frame arriving in many reads is copied into the buffer about once; a
 * large buffer left holding a small tail is given back.
 *
 * <p>
 * The base class of the built-in decoders, and the one to extend for a custom framing: a
 * subclass implements {@link #decodeFrame} (and {@link #incompleteFrameLength} when a
 * header tells the frame's length), and the kept tail, its bound and
 * {@link #retainedBytes()} are handled here. Its state is per connection, so a
 * {@link FrameDecoderFactory} creates one for each.
 */
public abstract class CumulatingFrameDecoder implements FrameDecoder {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	/** How many times the bytes received a buffer sized from a length header may be. */
	private static final int AHEAD_OF_DATA = 8;

	/**
	 * Framing bytes a kept frame may have beside its payload: a start marker and a
	 * delimiter, or a length header.
	 */
	static final int FRAMING_OVERHEAD = 8;

	/**
	 * The smallest buffer worth allocating for a kept tail, unless a maximum-size frame
	 * is smaller.
	 */
	private static final int MIN_BUFFER = 256;

	/** A buffer this large that is mostly empty is replaced by one sized to its tail. */
	private static final int SHRINK_ABOVE = 4096;

	protected final int maxMessageSize;

	private ByteBuffer cumulation = EMPTY;

	/**
	 * @param maxMessageSize the largest payload a frame may carry, in bytes; available to
	 * subclasses as {@link #maxMessageSize}
	 */
	protected CumulatingFrameDecoder(int maxMessageSize) {
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
		if (source != this.cumulation) {
			if (source.hasRemaining()) {
				keep(source);
			}
		}
		else if (!this.cumulation.hasRemaining()) {
			// release an idle connection's buffer
			this.cumulation = EMPTY;
		}
		else if (this.cumulation.capacity() > this.maxMessageSize + FRAMING_OVERHEAD
				|| (this.cumulation.capacity() > SHRINK_ABOVE
						&& this.cumulation.remaining() < this.cumulation.capacity() / 4)) {
			// a large frame completed, leaving the start of the next, or a read grew the
			// buffer past one maximum-size frame: hold only that start
			keep(this.cumulation);
		}
	}

	private void keep(ByteBuffer tail) {
		ByteBuffer kept = ByteBuffer.allocate(bufferSize(tail.remaining(), 0, tail));
		kept.put(tail).flip();
		this.cumulation = kept;
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

	@Override
	public int retainedBytes() {
		return this.cumulation.capacity();
	}

	/**
	 * Bytes of an incomplete frame kept so far.
	 * @return the kept bytes, positioned at the frame start; empty when none
	 */
	protected ByteBuffer buffered() {
		return this.cumulation;
	}

	/**
	 * Decode one frame starting at the buffer's position. The buffer holds either the
	 * read or the kept bytes; read it by absolute index from its position, not from 0.
	 * @param buffer the bytes available; on success its position moves past the frame
	 * @return the payload, or {@code null} (position unchanged) when the frame is not
	 * complete yet
	 * @throws FrameDecodingException when the frame breaks the rules or is known to be
	 * too long
	 */
	protected abstract byte[] decodeFrame(ByteBuffer buffer) throws FrameDecodingException;

	/**
	 * The whole length, framing included, of the incomplete frame at the buffer's
	 * position, when its header already told it; called only after {@link #decodeFrame}
	 * has accepted what is there.
	 * @return the frame's length, or -1 when not known
	 */
	protected int incompleteFrameLength(ByteBuffer buffer) {
		return -1;
	}

	private void append(ByteBuffer input) {
		ByteBuffer kept = this.cumulation;
		if (kept.capacity() - kept.limit() < input.remaining()) {
			int needed = kept.remaining() + input.remaining();
			if (kept.capacity() >= needed && kept.position() >= kept.remaining()) {
				// most of the buffer is consumed frames: moving the rest to the front is
				// cheap
				kept.compact().flip();
			}
			else {
				ByteBuffer grown = ByteBuffer.allocate(bufferSize(needed, kept.capacity(), kept));
				grown.put(kept).flip();
				this.cumulation = grown;
				kept = grown;
			}
		}
		int start = kept.position();
		kept.position(kept.limit()).limit(kept.capacity());
		kept.put(input);
		kept.limit(kept.position()).position(start);
	}

	/**
	 * The size of a buffer for the incomplete frame at the buffer's position.
	 * @param needed the bytes it must hold now
	 * @param current the size of the buffer it replaces, 0 for a first one
	 */
	private int bufferSize(int needed, int current, ByteBuffer buffer) {
		// even the smallest buffer stays within one maximum-size frame
		int doubled = Math.min(Math.max(current * 2, MIN_BUFFER), this.maxMessageSize + FRAMING_OVERHEAD);
		doubled = Math.max(doubled, needed);
		int frameLength = incompleteFrameLength(buffer);
		if (frameLength < needed) {
			// unknown, or more bytes than this frame: the next frames' sizes are not
			// known yet
			return doubled;
		}
		return Math.min(frameLength, Math.max(doubled, needed * AHEAD_OF_DATA));
	}

	/**
	 * @return the next {@code length} bytes of {@code buffer}, copied, its position moved
	 * past them
	 */
	protected static byte[] take(ByteBuffer buffer, int length) {
		byte[] payload = new byte[length];
		buffer.get(payload);
		return payload;
	}

}
