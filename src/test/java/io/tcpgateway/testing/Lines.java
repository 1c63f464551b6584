package io.tcpgateway.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to send in tests: numbered CRLF lines for pipelining, and ASCII text.
 */
public final class Lines {

	private Lines() {
	}

	/**
	 * @return the text's bytes in US-ASCII
	 */
	public static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * @return {@code line-from\r\n} up to {@code line-(to - 1)\r\n}, as one byte array to
	 * send in one write
	 */
	public static byte[] numbered(int from, int to) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = from; i < to; i++) {
			out.writeBytes(("line-" + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
		}
		return out.toByteArray();
	}

}
