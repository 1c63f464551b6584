package io.tcpgateway.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Numbered CRLF lines for pipelining tests.
 */
public final class Lines {

	private Lines() {
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
