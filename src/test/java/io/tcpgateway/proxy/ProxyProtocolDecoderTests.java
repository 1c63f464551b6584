package io.tcpgateway.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static io.tcpgateway.testing.Lines.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The PROXY protocol codec, on the examples of HAProxy's specification and broken
 * variants.
 */
class ProxyProtocolDecoderTests {

	private final ProxyProtocolDecoder any = new ProxyProtocolDecoder(ProxyProtocolMode.ANY);

	@Test
	void v1Tcp4GivesTheSourceAndTheHeaderLength() throws Exception {
		byte[] header = ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n");
		ProxyHeader decoded = this.any.decode(ByteBuffer.wrap(concat(header, ascii("GET"))));
		assertThat(decoded.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.168.0.1"), 56324));
		assertThat(decoded.length()).isEqualTo(header.length);
	}

	@Test
	void v1Tcp6() throws Exception {
		ProxyHeader decoded = this.any
			.decode(ByteBuffer.wrap(ascii("PROXY TCP6 2001:db8::1 2001:db8::2 4000 9000\r\n")));
		assertThat(decoded.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 4000));
	}

	@Test
	void v1UnknownHasNoSource() throws Exception {
		ProxyHeader decoded = this.any.decode(ByteBuffer.wrap(ascii("PROXY UNKNOWN\r\n")));
		assertThat(decoded.source()).isNull();
		assertThat(decoded.length()).isEqualTo(15);
	}

	@Test
	void v2ProxyTcp4AndTcp6() throws Exception {
		ProxyHeader v4 = this.any.decode(ByteBuffer
			.wrap(v2(0x21, 0x11, new byte[] { 10, 1, 2, 3 }, new byte[] { 10, 0, 0, 1 }, 51000, 9000, 0)));
		assertThat(v4.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 51000));
		assertThat(v4.length()).isEqualTo(16 + 12);
		byte[] source6 = InetAddress.getByName("2001:db8::7").getAddress();
		ProxyHeader v6 = this.any.decode(ByteBuffer.wrap(v2(0x21, 0x21, source6, new byte[16], 6000, 9000, 0)));
		assertThat(v6.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 6000));
	}

	@Test
	void v2TlvsAreSkipped() throws Exception {
		ProxyHeader decoded = this.any.decode(ByteBuffer
			.wrap(v2(0x21, 0x11, new byte[] { 10, 1, 2, 3 }, new byte[] { 10, 0, 0, 1 }, 51000, 9000, 20)));
		assertThat(decoded.length()).isEqualTo(16 + 12 + 20);
	}

	@Test
	void v2LocalHasNoSource() throws Exception {
		byte[] local = v2(0x20, 0x00, new byte[0], new byte[0], 0, 0, 0);
		ProxyHeader decoded = this.any.decode(ByteBuffer.wrap(local));
		assertThat(decoded.source()).isNull();
		assertThat(decoded.length()).isEqualTo(16);
	}

	@Test
	void truncatedHeadersAskForMoreBytes() throws Exception {
		byte[] v1 = ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n");
		byte[] v2 = v2(0x21, 0x11, new byte[] { 10, 1, 2, 3 }, new byte[] { 10, 0, 0, 1 }, 51000, 9000, 0);
		for (byte[] header : new byte[][] { v1, v2 }) {
			for (int length = 1; length < header.length; length++) {
				assertThat(this.any.decode(ByteBuffer.wrap(header, 0, length))).as("%d bytes", length).isNull();
			}
			assertThat(this.any.decode(ByteBuffer.wrap(header))).isNotNull();
		}
	}

	@Test
	void oversizedHeadersAreRejected() {
		byte[] longLine = ascii("PROXY TCP4 " + "1".repeat(120) + "\r\n");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> this.any.decode(ByteBuffer.wrap(longLine)))
			.withMessageContaining("longer than 107 bytes");
		byte[] hugeV2 = v2(0x21, 0x11, new byte[] { 10, 1, 2, 3 }, new byte[] { 10, 0, 0, 1 }, 1, 2, 600);
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> this.any.decode(ByteBuffer.wrap(hugeV2, 0, 16)))
			.withMessageContaining("exceeds the allowed maximum");
	}

	@Test
	void missingOrMalformedHeadersAreRejected() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> this.any.decode(ByteBuffer.wrap(ascii("hello\r\n"))))
			.withMessageStartingWith("no PROXY protocol header");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> this.any.decode(ByteBuffer.wrap(ascii("PROXY TCP4 not-an-ip 10.0.0.1 1 2\r\n"))))
			.withMessageStartingWith("malformed PROXY v1 header");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> this.any.decode(ByteBuffer.wrap(ascii("PROXY TCP4 10.0.0.2 10.0.0.1 70000 2\r\n"))))
			.withMessageStartingWith("malformed PROXY v1 header");
	}

	@Test
	void theWrongVersionForTheModeIsRejected() {
		ProxyProtocolDecoder v2Only = new ProxyProtocolDecoder(ProxyProtocolMode.V2);
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> v2Only.decode(ByteBuffer.wrap(ascii("PROXY UNKNOWN\r\n"))))
			.withMessageContaining("version 1 where v2 is required");
	}

	@Test
	void cidrRangesMatchTheirAddressesOnly() throws Exception {
		CidrRange range = CidrRange.parse("10.0.0.0/8");
		assertThat(range.contains(InetAddress.getByName("10.255.1.2"))).isTrue();
		assertThat(range.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
		assertThat(CidrRange.parse("192.168.1.0/25").contains(InetAddress.getByName("192.168.1.200"))).isFalse();
		assertThat(CidrRange.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(CidrRange.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> CidrRange.parse("example.com/8"));
	}

	static byte[] v2(int versionCommand, int family, byte[] source, byte[] destination, int sourcePort,
			int destinationPort, int tlvBytes) {
		int addressLength = (source.length == 0) ? 0 : 2 * source.length + 4;
		ByteBuffer header = ByteBuffer.allocate(16 + addressLength + tlvBytes);
		header.put(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A });
		header.put((byte) versionCommand).put((byte) family).putShort((short) (addressLength + tlvBytes));
		if (addressLength > 0) {
			header.put(source).put(destination).putShort((short) sourcePort).putShort((short) destinationPort);
		}
		return header.array();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
	}

}
