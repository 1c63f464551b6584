package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.framing.Framing;

/**
 * Reads just enough of a check's reply to tell whether its frame starts with
 * {@code expect}: the frame's header, if its framing has one, and then as many bytes as
 * {@code expect} has, each read within what is left of the check's one deadline. An
 * upstream that trickles its reply byte by byte thus holds a check for its timeout, not a
 * timeout per byte, and no buffer of {@code max-message-size} is allocated, as Spring
 * Integration's codecs would for each frame.
 *
 * <p>
 * For a delimited framing the first bytes of the frame are compared: a frame that ends
 * sooner has its delimiter among them and differs, unless {@code expect} itself holds the
 * delimiter.
 */
final class HealthCheckReply {

	private static final int STX = 0x02;

	private final Framing framing;

	private final byte[] expect;

	HealthCheckReply(Framing framing, byte[] expect) {
		this.framing = framing;
		this.expect = expect;
	}

	/**
	 * @param deadline {@link System#nanoTime()} by which the reply must have been read
	 * @return {@code null} when the reply starts with the expected text, else why not
	 * @throws SocketTimeoutException past the deadline
	 * @throws IOException when the connection failed or closed first
	 */
	String read(Socket socket, long deadline) throws IOException {
		InputStream input = socket.getInputStream();
		int header = headerLength();
		if (header > 0) {
			long length = 0;
			for (byte b : readFully(socket, input, header, deadline)) {
				length = (length << 8) | (b & 0xff);
			}
			if (length < this.expect.length) {
				return mismatch();
			}
		}
		else if (this.framing == Framing.STX_ETX && readFully(socket, input, 1, deadline)[0] != STX) {
			return mismatch();
		}
		byte[] start = readFully(socket, input, this.expect.length, deadline);
		return Arrays.equals(start, this.expect) ? null : mismatch();
	}

	private int headerLength() {
		return switch (this.framing) {
			case LENGTH_HEADER_1 -> 1;
			case LENGTH_HEADER_2 -> 2;
			case LENGTH_HEADER_4 -> 4;
			default -> 0;
		};
	}

	private static String mismatch() {
		return "the reply does not start with the expected text (tcp-gateway.forward.tcp.health-check.expect)";
	}

	private static byte[] readFully(Socket socket, InputStream input, int length, long deadline) throws IOException {
		byte[] bytes = new byte[length];
		int read = 0;
		while (read < length) {
			socket.setSoTimeout(remainingMillis(deadline));
			int n = input.read(bytes, read, length - read);
			if (n < 0) {
				throw new IOException("the upstream closed the connection before its reply");
			}
			read += n;
		}
		return bytes;
	}

	/**
	 * @return the milliseconds left, at least 1 (0 would mean no timeout)
	 * @throws SocketTimeoutException when none are left
	 */
	static int remainingMillis(long deadline) throws SocketTimeoutException {
		long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		if (left <= 0) {
			throw new SocketTimeoutException("Read timed out");
		}
		return (int) Math.min(Integer.MAX_VALUE, left);
	}

}
