package io.tcpgateway.bench.load;

import java.util.Arrays;

/**
 * Deterministic payloads: {@code "<connection> <sequence> "} padded to the size with
 * letters derived from both, so a reply can be checked byte for byte and a reply for
 * another sequence number is recognised.
 *
 * <p>
 * Payloads only hold digits, spaces and lowercase letters: never a delimiter of any
 * framing.
 */
final class Payloads {

	/**
	 * Room for the largest connection number and sequence number with their separators.
	 */
	static final int MIN_SIZE = 32;

	private final int size;

	Payloads(int size) {
		if (size < MIN_SIZE) {
			throw new IllegalArgumentException("payload size (" + size + ") is below the minimum (" + MIN_SIZE + ")");
		}
		this.size = size;
	}

	int size() {
		return this.size;
	}

	byte[] newBuffer() {
		return new byte[this.size];
	}

	void fill(byte[] payload, int connection, long sequence) {
		int position = putDecimal(payload, 0, connection);
		payload[position++] = ' ';
		position = putDecimal(payload, position, sequence);
		payload[position++] = ' ';
		for (int i = position; i < this.size; i++) {
			payload[i] = (byte) ('a' + (int) ((connection + sequence + i) % 26));
		}
	}

	/**
	 * Whether the received bytes are exactly the payload of the given message.
	 * @param scratch a buffer of the payload size to build the expected payload in
	 */
	boolean matches(byte[] received, int offset, int connection, long sequence, byte[] scratch) {
		fill(scratch, connection, sequence);
		return Arrays.equals(received, offset, offset + this.size, scratch, 0, this.size);
	}

	/**
	 * The sequence number a received payload claims for this connection, when it is
	 * otherwise intact.
	 * @return the sequence number, or -1 when the payload is not a valid payload of the
	 * connection
	 */
	long claimedSequence(byte[] received, int offset, int connection, byte[] scratch) {
		int space = indexOf(received, offset, ' ');
		int secondSpace = (space < 0) ? -1 : indexOf(received, space + 1, ' ');
		if (secondSpace < 0) {
			return -1;
		}
		long claimedConnection = parseDecimal(received, offset, space);
		long sequence = parseDecimal(received, space + 1, secondSpace);
		if (claimedConnection != connection || sequence < 0
				|| !matches(received, offset, connection, sequence, scratch)) {
			return -1;
		}
		return sequence;
	}

	private int indexOf(byte[] bytes, int from, char c) {
		int end = Math.min(bytes.length, from + 24);
		for (int i = from; i < end; i++) {
			if (bytes[i] == c) {
				return i;
			}
		}
		return -1;
	}

	private static long parseDecimal(byte[] bytes, int from, int to) {
		if (to <= from || to - from > 18) {
			return -1;
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static int putDecimal(byte[] bytes, int position, long value) {
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		long remaining = value;
		for (int i = position + digits - 1; i >= position; i--) {
			bytes[i] = (byte) ('0' + (remaining % 10));
			remaining /= 10;
		}
		return position + digits;
	}

}
