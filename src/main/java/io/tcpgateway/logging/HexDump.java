package io.tcpgateway.logging;

import java.nio.ByteBuffer;

/**
 * Formats bytes as rows of sixteen, in hex and as ASCII, the way Netty's
 * {@code LoggingHandler} shows them.
 *
 * <pre>
 *          +-------------------------------------------------+
 *          |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |
 * +--------+-------------------------------------------------+----------------+
 * |00000000| 68 65 6c 6c 6f 0d 0a                            |hello..         |
 * +--------+-------------------------------------------------+----------------+
 * </pre>
 */
final class HexDump {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final String NL = System.lineSeparator();

	private static final String HEADER = "         +-------------------------------------------------+" + NL
			+ "         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |" + NL
			+ "+--------+-------------------------------------------------+----------------+";

	private static final String FOOTER = "+--------+-------------------------------------------------+----------------+";

	private HexDump() {
	}

	/**
	 * @param bytes the bytes from their position to their limit, which are left as they
	 * were
	 * @param maxBytes the most to show
	 * @return the table, a line per sixteen bytes, without a trailing line separator
	 */
	static String format(ByteBuffer bytes, int maxBytes) {
		int length = Math.min(bytes.remaining(), maxBytes);
		int start = bytes.position();
		StringBuilder out = new StringBuilder(HEADER.length() + FOOTER.length() + (length / 16 + 1) * 80);
		out.append(HEADER);
		for (int row = 0; row < length; row += 16) {
			out.append(NL).append('|');
			appendHex(out, row, 8);
			out.append('|');
			StringBuilder ascii = new StringBuilder(16);
			for (int i = row; i < row + 16; i++) {
				if (i < length) {
					int b = bytes.get(start + i) & 0xff;
					out.append(' ').append(HEX[b >>> 4]).append(HEX[b & 0xf]);
					ascii.append((b >= 0x20 && b < 0x7f) ? (char) b : '.');
				}
				else {
					out.append("   ");
					ascii.append(' ');
				}
			}
			out.append(" |").append(ascii).append('|');
		}
		return out.append(NL).append(FOOTER).toString();
	}

	private static void appendHex(StringBuilder out, int value, int digits) {
		for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
			out.append(HEX[(value >>> shift) & 0xf]);
		}
	}

}
