package io.tcpgateway.test;

import io.tcpgateway.framing.Framing;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The test client's side of each framing: Spring Integration's codecs, an implementation
 * of the wire formats independent of the gateway's own decoders and encoders, so a test
 * checks one against the other. The custom framing is the application's, so it has none.
 */
final class ClientCodecs {

	private ClientCodecs() {
	}

	/**
	 * @param maxMessageSize the largest payload a frame may carry, in bytes (Spring
	 * Integration counts a delimiter in its maximum, the gateway does not)
	 */
	static AbstractByteArraySerializer of(Framing framing, int maxMessageSize) {
		return switch (framing) {
			case CRLF -> TcpCodecs.crlf(maxMessageSize + 2);
			case LF -> TcpCodecs.lf(maxMessageSize + 1);
			case STX_ETX -> TcpCodecs.stxetx(maxMessageSize + 1);
			case NUL_TERMINATED -> TcpCodecs.singleTerminator((byte) 0, maxMessageSize + 1);
			case LENGTH_HEADER_1 -> TcpCodecs.lengthHeader1(maxMessageSize);
			case LENGTH_HEADER_2 -> TcpCodecs.lengthHeader2(maxMessageSize);
			case LENGTH_HEADER_4 -> TcpCodecs.lengthHeader4(maxMessageSize);
			case RAW -> TcpCodecs.raw(maxMessageSize);
			case NONE -> new StreamChunkSerializer(maxMessageSize);
			case MLLP -> new MllpSerializer(maxMessageSize);
			case CUSTOM -> throw new IllegalArgumentException("No client codec for the custom framing: open"
					+ " TcpTestConnection.open(port, Framing.NONE) and write and read its frames with sendRaw and"
					+ " receiveBytes");
		};
	}

}
