package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delimiter search, eight bytes at a time, finds what a byte-by-byte search finds, in
 * heap and direct buffers of either byte order, from any start to any end.
 */
class DelimiterSearchTests {

	@ParameterizedTest
	@CsvSource({ "false, BIG_ENDIAN", "false, LITTLE_ENDIAN", "true, BIG_ENDIAN", "true, LITTLE_ENDIAN" })
	void findsTheFirstOccurrenceAsAByteByByteSearchDoes(boolean direct, String order) {
		SplittableRandom random = new SplittableRandom(42);
		for (int round = 0; round < 2_000; round++) {
			int size = random.nextInt(1, 80);
			ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
			buffer.order(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
			// few distinct values, so that matches, near misses (0x0c, 0x0e, 0x8d) and
			// bytes that differ only in the high bit all occur
			byte[] alphabet = { 0x0d, 0x0a, 0x0c, 0x0e, (byte) 0x8d, 0x00, (byte) 0xff, 'a' };
			for (int i = 0; i < size; i++) {
				buffer.put(i, alphabet[random.nextInt(alphabet.length)]);
			}
			byte value = alphabet[random.nextInt(alphabet.length)];
			int from = random.nextInt(size);
			int to = random.nextInt(from, size + 1);
			assertThat(DelimiterFrameDecoder.indexOf(buffer, value, from, to))
				.as("%s in %d bytes from %d to %d", value, size, from, to)
				.isEqualTo(naiveIndexOf(buffer, value, from, to));
		}
	}

	private static int naiveIndexOf(ByteBuffer buffer, byte value, int from, int to) {
		for (int i = from; i < to; i++) {
			if (buffer.get(i) == value) {
				return i;
			}
		}
		return -1;
	}

}
