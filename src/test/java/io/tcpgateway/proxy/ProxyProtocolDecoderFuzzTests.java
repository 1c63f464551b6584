package io.tcpgateway.proxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tcpgateway.testing.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fuzzes the PROXY protocol decoder, in every mode, with whatever a client may send
 * first, and with valid v1 and v2 headers: it reads the first bytes of every connection
 * before anything else does, from clients that may not be the proxy at all. It must
 * reject a broken header with {@link ProxyProtocolException} only, and must find the same
 * header, and leave the same bytes after it, whether the bytes arrive whole, in arbitrary
 * reads ({@link ProxyPreamble#read}, {@code nio}) or byte by byte from a blocking stream
 * ({@link ProxyPreamble#readFrom}, {@code net}).
 *
 * <p>
 * Inputs are laid out for hand-written seeds ({@link FuzzInput}): lengths are one byte,
 * or {@code 0xff} and two bytes. {@code ./mvnw verify} replays the seeds in
 * {@code ProxyProtocolDecoderFuzzTestsInputs}; {@code JAZZER_FUZZ=1} fuzzes (see the
 * README).
 */
class ProxyProtocolDecoderFuzzTests {

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	/**
	 * A mode (a byte: its index in {@link ProxyProtocolMode#values()}, modulo their
	 * number), the connection's first bytes (a length and its bytes), then the sizes of
	 * the reads they arrive in, each a length; what is left after the last one arrives in
	 * one read.
	 */
	@FuzzTest(maxDuration = FuzzInput.FUZZ_DURATION)
	void anyBytesFailOnlyAsProxyProtocolErrorsAndDecodeAlikeWhateverTheReads(byte[] bytes) throws IOException {
		FuzzInput input = new FuzzInput(bytes);
		ProxyProtocolDecoder decoder = new ProxyProtocolDecoder(input.pick(ProxyProtocolMode.values()));
		byte[] stream = input.lengthPrefixed();
		Outcome whole = decodeWhole(decoder, stream);
		if (whole.header() != null) {
			int length = whole.header().length();
			assertThat(length).as("header length").isPositive().isLessThanOrEqualTo(stream.length);
			assertThat(length)
				.isLessThanOrEqualTo(Math.max(ProxyProtocolDecoder.MAX_V1_LENGTH, ProxyProtocolDecoder.MAX_V2_LENGTH));
		}
		assertThat(readInParts(decoder, stream, input.split(stream))).as("in reads").isEqualTo(whole);
		assertThat(readBlocking(decoder, stream)).as("from a blocking stream").isEqualTo(whole.complete());
	}

	/**
	 * A header to build (a byte: v1 TCP4, v1 TCP6, v1 UNKNOWN, v2 PROXY over IPv4 or
	 * IPv6, v2 LOCAL, v2 UNIX), whether the mode is {@code any} rather than the header's
	 * version (a byte's lowest bit), the source and destination addresses (4 or 16 bytes
	 * each) and ports (two bytes each), the v2 TLV bytes (a length and its bytes, cut to
	 * what fits), the bytes after the header (a length and its bytes), then the sizes of
	 * the reads.
	 */
	@FuzzTest(maxDuration = FuzzInput.FUZZ_DURATION)
	void validHeadersGiveTheirSourceWhateverTheReads(byte[] bytes) throws IOException {
		FuzzInput input = new FuzzInput(bytes);
		Kind kind = input.pick(Kind.values());
		boolean any = (input.u8() & 1) != 0;
		ProxyProtocolMode mode = any ? ProxyProtocolMode.ANY
				: (kind.v1() ? ProxyProtocolMode.V1 : ProxyProtocolMode.V2);
		// zeros past the end of the input: an address is always whole
		byte[] source = Arrays.copyOf(input.bytes(kind.addressLength()), kind.addressLength());
		byte[] destination = Arrays.copyOf(input.bytes(kind.addressLength()), kind.addressLength());
		int sourcePort = input.u16();
		int destinationPort = input.u16();
		byte[] tlvs = input.lengthPrefixed();
		byte[] header = switch (kind) {
			case V1_TCP4 -> v1("TCP4", source, destination, sourcePort, destinationPort);
			case V1_TCP6 -> v1("TCP6", source, destination, sourcePort, destinationPort);
			case V1_UNKNOWN -> ascii("PROXY UNKNOWN\r\n");
			case V2_TCP4 -> v2(0x21, 0x11, concat(source, destination, ports(sourcePort, destinationPort)), tlvs);
			case V2_TCP6 -> v2(0x21, 0x21, concat(source, destination, ports(sourcePort, destinationPort)), tlvs);
			case V2_LOCAL -> v2(0x20, 0x00, new byte[0], tlvs);
			// AF_UNIX: two 108-byte paths, no IP source to give
			case V2_UNIX -> v2(0x21, 0x31, new byte[216], tlvs);
		};
		InetSocketAddress expectedSource = kind.hasSource()
				? new InetSocketAddress(InetAddress.getByAddress(source), sourcePort) : null;
		byte[] data = input.lengthPrefixed();
		byte[] stream = concat(header, data);
		ProxyProtocolDecoder decoder = new ProxyProtocolDecoder(mode);

		Outcome expected = new Outcome(new ProxyHeader(expectedSource, header.length), data, null);
		assertThat(decodeWhole(decoder, stream)).as("whole").isEqualTo(expected);
		assertThat(readInParts(decoder, stream, input.split(stream))).as("in reads").isEqualTo(expected);
		assertThat(readBlocking(decoder, stream)).as("from a blocking stream").isEqualTo(expected);
	}

	private static Outcome decodeWhole(ProxyProtocolDecoder decoder, byte[] stream) {
		ByteBuffer buffer = FuzzInput.readBuffer(stream, false);
		int position = buffer.position();
		try {
			ProxyHeader header = decoder.decode(buffer);
			assertThat(buffer.position()).as("position after decoding").isEqualTo(position);
			if (header == null) {
				return new Outcome(null, null, null);
			}
			return new Outcome(header, Arrays.copyOfRange(stream, header.length(), stream.length), null);
		}
		catch (ProxyProtocolException ex) {
			return new Outcome(null, null, ex);
		}
	}

	/**
	 * Feed the reads to a preamble, as the {@code nio} reader does, until it completes
	 * the header; the reads after that are the connection's data.
	 */
	private static Outcome readInParts(ProxyProtocolDecoder decoder, byte[] stream, List<byte[]> reads) {
		ProxyPreamble preamble = new ProxyPreamble(decoder);
		for (int i = 0; i < reads.size(); i++) {
			ByteBuffer after;
			try {
				after = preamble.read(FuzzInput.readBuffer(reads.get(i), (i % 2) != 0));
			}
			catch (ProxyProtocolException ex) {
				assertThat(preamble.header()).isNull();
				return new Outcome(null, null, ex);
			}
			if (after != null) {
				ByteArrayOutputStream data = new ByteArrayOutputStream();
				byte[] rest = new byte[after.remaining()];
				after.get(rest);
				data.writeBytes(rest);
				reads.subList(i + 1, reads.size()).forEach(data::writeBytes);
				return new Outcome(preamble.header(), data.toByteArray(), null);
			}
			assertThat(preamble.header()).isNull();
		}
		return new Outcome(null, null, null);
	}

	/**
	 * Read the header as the blocking {@code net} connection does; the stream must be
	 * left right after it.
	 */
	private static Outcome readBlocking(ProxyProtocolDecoder decoder, byte[] stream) throws IOException {
		ByteArrayInputStream in = new ByteArrayInputStream(stream);
		try {
			ProxyHeader header = ProxyPreamble.readFrom(in, decoder);
			return new Outcome(header, in.readAllBytes(), null);
		}
		catch (ProxyProtocolException ex) {
			return new Outcome(null, null, ex);
		}
	}

	private static byte[] v1(String family, byte[] source, byte[] destination, int sourcePort, int destinationPort) {
		return ascii("PROXY " + family + " " + text(source) + " " + text(destination) + " " + sourcePort + " "
				+ destinationPort + "\r\n");
	}

	/**
	 * An address as a proxy writes it: dotted quad, or eight hexadecimal groups, never in
	 * a form that could be taken for a host name.
	 */
	private static String text(byte[] address) {
		StringBuilder text = new StringBuilder();
		if (address.length == 4) {
			for (byte b : address) {
				text.append((text.length() > 0) ? "." : "").append(b & 0xff);
			}
			return text.toString();
		}
		for (int i = 0; i < address.length; i += 2) {
			text.append((i > 0) ? ":" : "")
				.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff)));
		}
		return text.toString();
	}

	/**
	 * A v2 header: addresses, then as many TLV bytes as fit in the longest header
	 * accepted.
	 */
	private static byte[] v2(int versionCommand, int family, byte[] addresses, byte[] tlvs) {
		int room = ProxyProtocolDecoder.MAX_V2_LENGTH - 16 - addresses.length;
		byte[] extra = Arrays.copyOf(tlvs, Math.min(tlvs.length, room));
		ByteBuffer header = ByteBuffer.allocate(16 + addresses.length + extra.length);
		header.put(V2_SIGNATURE).put((byte) versionCommand).put((byte) family);
		header.putShort((short) (addresses.length + extra.length)).put(addresses).put(extra);
		return header.array();
	}

	private static byte[] ports(int source, int destination) {
		return ByteBuffer.allocate(4).putShort((short) source).putShort((short) destination).array();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Arrays.stream(parts).forEach(out::writeBytes);
		return out.toByteArray();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The headers built from fields, in the order an input's first byte picks them.
	 */
	private enum Kind {

		V1_TCP4, V1_TCP6, V1_UNKNOWN, V2_TCP4, V2_TCP6, V2_LOCAL, V2_UNIX;

		boolean v1() {
			return this == V1_TCP4 || this == V1_TCP6 || this == V1_UNKNOWN;
		}

		int addressLength() {
			return (this == V1_TCP6 || this == V2_TCP6) ? 16 : 4;
		}

		boolean hasSource() {
			return this != V1_UNKNOWN && this != V2_LOCAL && this != V2_UNIX;
		}

	}

	/**
	 * A decoded header and the connection's bytes after it; or nothing yet; or the
	 * rejection.
	 */
	private record Outcome(ProxyHeader header, byte[] data, ProxyProtocolException failure) {

		/**
		 * A blocking read cannot wait for more: a stream that ends inside a header is
		 * rejected.
		 */
		Outcome complete() {
			return (this.header == null && this.failure == null)
					? new Outcome(null, null, new ProxyProtocolException("stream ended")) : this;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Outcome that && Objects.equals(this.header, that.header)
					&& Arrays.equals(this.data, that.data) && (this.failure == null) == (that.failure == null);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.header, Arrays.hashCode(this.data));
		}

		@Override
		public String toString() {
			if (this.failure != null) {
				return "rejected (" + this.failure.getMessage() + ")";
			}
			return (this.header != null) ? this.header + " then " + this.data.length + " bytes" : "incomplete";
		}

	}

}
