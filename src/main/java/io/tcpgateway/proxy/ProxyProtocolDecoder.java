package io.tcpgateway.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.tcpgateway.logging.LogSafe;

/**
 * Decodes a PROXY protocol header (HAProxy's specification, versions 1 and 2) from the
 * first bytes of a connection, without blocking: {@link #decode} is given what has
 * arrived so far and answers {@code null} until the header is complete.
 *
 * <p>
 * Edge cases: a v1 line is at most 107 bytes including CR LF; a v2 header is at most
 * {@link #MAX_V2_LENGTH} bytes (its TLVs are skipped); v1 {@code UNKNOWN}, v2
 * {@code LOCAL} and v2 families other than TCP/UDP over IPv4/IPv6 decode to a header
 * without a source. Anything else, or a header of the wrong version for the mode, is a
 * {@link ProxyProtocolException}.
 */
public final class ProxyProtocolDecoder {

	/** The v1 line's maximum length, CR LF included. */
	static final int MAX_V1_LENGTH = 107;

	/** The longest v2 header accepted: addresses plus a reasonable amount of TLVs. */
	static final int MAX_V2_LENGTH = 16 + 512;

	private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private final ProxyProtocolMode mode;

	ProxyProtocolDecoder(ProxyProtocolMode mode) {
		this.mode = mode;
	}

	/**
	 * Decode the header at the start of {@code input} (its position is not moved).
	 * @param input the connection's first bytes, from the buffer's position
	 * @return the header, or {@code null} when more bytes are needed
	 * @throws ProxyProtocolException when the bytes are not a valid header for the mode
	 */
	ProxyHeader decode(ByteBuffer input) throws ProxyProtocolException {
		int start = input.position();
		int available = input.remaining();
		if (available == 0) {
			return null;
		}
		boolean v2 = startsWith(input, start, V2_SIGNATURE);
		boolean v1 = startsWith(input, start, V1_PREFIX);
		if (!v1 && !v2) {
			throw new ProxyProtocolException("no PROXY protocol header (first bytes " + hex(input, start, 8) + ")");
		}
		if (v1 && (this.mode == ProxyProtocolMode.V1 || this.mode == ProxyProtocolMode.ANY)) {
			return available >= V1_PREFIX.length ? decodeV1(input, start) : null;
		}
		if (v2 && (this.mode == ProxyProtocolMode.V2 || this.mode == ProxyProtocolMode.ANY)) {
			return available >= V2_SIGNATURE.length ? decodeV2(input, start) : null;
		}
		throw new ProxyProtocolException("PROXY protocol header of version " + (v2 ? 2 : 1) + " where "
				+ this.mode.name().toLowerCase() + " is required");
	}

	private static ProxyHeader decodeV1(ByteBuffer input, int start) throws ProxyProtocolException {
		int limit = Math.min(input.limit(), start + MAX_V1_LENGTH);
		for (int i = start; i < limit - 1; i++) {
			if (input.get(i) == '\r' && input.get(i + 1) == '\n') {
				byte[] line = new byte[i - start];
				input.get(start, line);
				return parseV1(new String(line, StandardCharsets.US_ASCII), i + 2 - start);
			}
		}
		if (input.limit() - start >= MAX_V1_LENGTH) {
			throw new ProxyProtocolException("PROXY v1 header longer than " + MAX_V1_LENGTH + " bytes");
		}
		return null;
	}

	private static ProxyHeader parseV1(String line, int length) throws ProxyProtocolException {
		String[] fields = line.split(" ");
		if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
			return new ProxyHeader(null, length);
		}
		if (fields.length != 6 || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
			throw new ProxyProtocolException("malformed PROXY v1 header: \"" + LogSafe.escape(line) + "\"");
		}
		try {
			InetAddress source = InetAddress.getByName(literal(fields[2], fields[1].equals("TCP4")));
			return new ProxyHeader(new InetSocketAddress(source, port(fields[4])), length);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new ProxyProtocolException("malformed PROXY v1 header: \"" + LogSafe.escape(line) + "\"");
		}
	}

	private static ProxyHeader decodeV2(ByteBuffer input, int start) throws ProxyProtocolException {
		if (input.limit() - start < 16) {
			return null;
		}
		int versionCommand = input.get(start + 12) & 0xff;
		int family = input.get(start + 13) & 0xff;
		int addressLength = input.getShort(start + 14) & 0xffff;
		int length = 16 + addressLength;
		if ((versionCommand >> 4) != 2) {
			throw new ProxyProtocolException("PROXY v2 header with version " + (versionCommand >> 4));
		}
		if (length > MAX_V2_LENGTH) {
			throw new ProxyProtocolException(
					"PROXY v2 header length (" + length + ") exceeds the allowed maximum (" + MAX_V2_LENGTH + ")");
		}
		if (input.limit() - start < length) {
			return null;
		}
		int command = versionCommand & 0x0f;
		if (command == 0x0) {
			return new ProxyHeader(null, length);
		}
		if (command != 0x1) {
			throw new ProxyProtocolException("PROXY v2 header with unknown command " + command);
		}
		int addressBytes = switch (family >> 4) {
			case 0x1 -> 4;
			case 0x2 -> 16;
			default -> 0;
		};
		if (addressBytes == 0) {
			return new ProxyHeader(null, length);
		}
		if (addressLength < 2 * addressBytes + 4) {
			throw new ProxyProtocolException(
					"PROXY v2 header too short (" + addressLength + " address bytes) for its family");
		}
		byte[] source = new byte[addressBytes];
		input.get(start + 16, source);
		int sourcePort = input.getShort(start + 16 + 2 * addressBytes) & 0xffff;
		try {
			return new ProxyHeader(new InetSocketAddress(InetAddress.getByAddress(source), sourcePort), length);
		}
		catch (UnknownHostException ex) {
			throw new ProxyProtocolException("PROXY v2 header with a bad address");
		}
	}

	/** Accept only numeric addresses of the family given: never a name to resolve. */
	private static String literal(String address, boolean ipv4) throws UnknownHostException {
		boolean looksRight = ipv4 ? address.matches("\\d{1,3}(\\.\\d{1,3}){3}") && octetsFit(address)
				: address.matches("[0-9a-fA-F:.]+");
		if (!looksRight || (!ipv4 && !address.contains(":"))) {
			throw new UnknownHostException(address);
		}
		return address;
	}

	/**
	 * Whether every part of a dotted quad is a byte: the JDK takes {@code 999.1.1.1} for
	 * a host name, and would look it up.
	 */
	private static boolean octetsFit(String dottedQuad) {
		for (String octet : dottedQuad.split("\\.")) {
			if (Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	private static int port(String text) {
		int port = Integer.parseInt(text);
		if (port < 0 || port > 65535) {
			throw new NumberFormatException(text);
		}
		return port;
	}

	/**
	 * Whether the bytes available match the start of {@code prefix} (all of it, or as
	 * much as has arrived).
	 */
	private static boolean startsWith(ByteBuffer input, int start, byte[] prefix) {
		int n = Math.min(prefix.length, input.limit() - start);
		for (int i = 0; i < n; i++) {
			if (input.get(start + i) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static String hex(ByteBuffer input, int start, int max) {
		StringBuilder out = new StringBuilder();
		for (int i = start; i < Math.min(input.limit(), start + max); i++) {
			out.append(String.format("%02x", input.get(i) & 0xff));
		}
		return out.toString();
	}

}
