package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes frames that end with a delimiter (CR LF, LF, NUL, ETX), optionally starting
 * with a marker byte (STX).
 *
 * <p>
 * A frame is rejected as soon as its payload is known to be longer than the maximum,
 * without waiting for the delimiter. A delimiter split across two reads is found; bytes
 * already searched are not searched again when more arrive.
 */
class DelimiterFrameDecoder extends CumulatingFrameDecoder {

	private final byte[] delimiter;

	private final int startMarker;

	/**
	 * Bytes of the current incomplete frame (after the start marker) already searched.
	 */
	private int searched;

	DelimiterFrameDecoder(byte[] delimiter, int maxMessageSize) {
		this(-1, delimiter, maxMessageSize);
	}

	/**
	 * @param startMarker a byte every frame must begin with, or -1 for none
	 */
	DelimiterFrameDecoder(int startMarker, byte[] delimiter, int maxMessageSize) {
		super(maxMessageSize);
		this.startMarker = startMarker;
		this.delimiter = delimiter;
	}

	@Override
	protected byte[] decodeFrame(ByteBuffer buffer) throws FrameDecodingException {
		int frameStart = buffer.position();
		int payloadStart = frameStart;
		if (this.startMarker >= 0) {
			byte first = buffer.get(frameStart);
			if (first != this.startMarker) {
				throw new FrameDecodingException(FrameDecodingException.Reason.MALFORMED,
						"expected " + hex(this.startMarker) + " at the start of a frame but got " + hex(first));
			}
			payloadStart++;
		}
		int end = indexOfDelimiter(buffer, payloadStart + this.searched, buffer.limit());
		if (end < 0) {
			int seen = Math.max(buffer.limit() - payloadStart - (this.delimiter.length - 1), 0);
			if (seen > this.maxMessageSize) {
				throw FrameDecodingException.tooLong(seen, this.maxMessageSize);
			}
			this.searched = seen;
			return null;
		}
		int length = end - payloadStart;
		if (length > this.maxMessageSize) {
			throw FrameDecodingException.tooLong(length, this.maxMessageSize);
		}
		this.searched = 0;
		buffer.position(payloadStart);
		byte[] payload = take(buffer, length);
		buffer.position(end + this.delimiter.length);
		return payload;
	}

	private int indexOfDelimiter(ByteBuffer buffer, int from, int limit) {
		byte first = this.delimiter[0];
		int last = limit - this.delimiter.length;
		int i = from;
		while (i <= last) {
			int candidate = indexOf(buffer, first, i, last + 1);
			if (candidate < 0) {
				return -1;
			}
			if (matchesRest(buffer, candidate)) {
				return candidate;
			}
			i = candidate + 1;
		}
		return -1;
	}

	/**
	 * The first {@code value} in {@code [from, to)}, searched eight bytes at a time, as
	 * Netty's {@code ByteBufUtil.indexOf} does: a 64-byte line takes eight reads and
	 * tests instead of sixty-four.
	 * @return its index, or -1
	 */
	static int indexOf(ByteBuffer buffer, byte value, int from, int to) {
		long pattern = (value & 0xFFL) * 0x0101010101010101L;
		boolean bigEndian = buffer.order() == ByteOrder.BIG_ENDIAN;
		int i = from;
		for (; i + Long.BYTES <= to; i += Long.BYTES) {
			long found = zeroBytes(buffer.getLong(i) ^ pattern);
			if (found != 0) {
				return i + ((bigEndian ? Long.numberOfLeadingZeros(found) : Long.numberOfTrailingZeros(found)) >>> 3);
			}
		}
		for (; i < to; i++) {
			if (buffer.get(i) == value) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * @return the high bit of each byte of {@code word} that is zero, and no other bit:
	 * exact, since no byte's sum carries into the next
	 */
	private static long zeroBytes(long word) {
		long low7 = 0x7F7F7F7F7F7F7F7FL;
		return ~(((word & low7) + low7) | word | low7);
	}

	private boolean matchesRest(ByteBuffer buffer, int index) {
		for (int j = 1; j < this.delimiter.length; j++) {
			if (buffer.get(index + j) != this.delimiter[j]) {
				return false;
			}
		}
		return true;
	}

	private static String hex(int value) {
		return String.format("0x%02x", value & 0xff);
	}

}
