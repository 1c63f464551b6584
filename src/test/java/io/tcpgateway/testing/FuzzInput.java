package io.tcpgateway.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a fuzz test's input as a few fields, front to back, so that a seed is a byte file
 * laid out by hand and every byte string is a valid input: past the end a number reads as
 * 0 and bytes read as empty.
 */
public final class FuzzInput {

	/**
	 * How long {@code JAZZER_FUZZ=1} fuzzes one target: Jazzer takes the bound from the
	 * {@code @FuzzTest} annotation only, so every fuzz test names this one.
	 */
	public static final String FUZZ_DURATION = "60s";

	/** A length byte of this value is followed by a two-byte length. */
	private static final int LONG_LENGTH = 0xff;

	/** Bytes put before and after a read's bytes in its buffer. */
	private static final byte[] GUARD = { '\r', '\n', 0x00, 0x03, 0x0a, 0x02 };

	private final byte[] bytes;

	private int position;

	public FuzzInput(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * @return whether any byte is left
	 */
	public boolean hasRemaining() {
		return this.position < this.bytes.length;
	}

	/**
	 * @return the next byte, unsigned
	 */
	public int u8() {
		return hasRemaining() ? this.bytes[this.position++] & 0xff : 0;
	}

	/**
	 * @return the next two bytes, big-endian unsigned
	 */
	public int u16() {
		return (u8() << 8) | u8();
	}

	/**
	 * @return one of {@code values}, chosen by the next byte
	 */
	@SafeVarargs
	public final <E> E pick(E... values) {
		return values[u8() % values.length];
	}

	/**
	 * @return a length: one byte, or {@code 0xff} and two bytes for a longer one
	 */
	public int length() {
		int length = u8();
		return (length == LONG_LENGTH) ? u16() : length;
	}

	/**
	 * Cut a stream into reads of the lengths that come next, as a socket might deliver
	 * it; once the input is used up, the rest is one read.
	 * @return the reads, in order, together the whole stream
	 */
	public List<byte[]> split(byte[] stream) {
		List<byte[]> reads = new ArrayList<>();
		int position = 0;
		while (position < stream.length) {
			int length = hasRemaining() ? length() : stream.length - position;
			int end = Math.min(position + length, stream.length);
			reads.add(Arrays.copyOfRange(stream, position, end));
			position = end;
		}
		return reads;
	}

	/**
	 * @return the next {@code length} bytes, fewer at the end
	 */
	public byte[] bytes(int length) {
		int end = (int) Math.min((long) this.position + length, this.bytes.length);
		byte[] next = Arrays.copyOfRange(this.bytes, this.position, end);
		this.position = end;
		return next;
	}

	/**
	 * @return a {@link #length()}, then that many bytes
	 */
	public byte[] lengthPrefixed() {
		return bytes(length());
	}

	/**
	 * @return every byte left
	 */
	public byte[] rest() {
		return bytes(this.bytes.length - this.position);
	}

	/**
	 * The bytes of one read as a decoder gets them: in the middle of a larger buffer, so
	 * code that looks before its position or past its limit finds delimiter and marker
	 * bytes there.
	 * @param read the bytes read
	 * @param direct whether the buffer is a direct one, as an {@code nio} read buffer may
	 * be
	 * @return a buffer positioned at {@code read}, limited to its end
	 */
	public static ByteBuffer readBuffer(byte[] read, boolean direct) {
		int capacity = GUARD.length + read.length + GUARD.length;
		ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
		buffer.put(GUARD).put(read).put(GUARD);
		return buffer.position(GUARD.length).limit(GUARD.length + read.length);
	}

}
