package io.tcpgateway.forward.tcp;

import io.tcpgateway.framing.Framing;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The upstream side of each framing the bridge supports: Spring Integration's codecs,
 * which read a frame at a time from a client connection's stream.
 */
final class UpstreamCodecs {

	private UpstreamCodecs() {
	}

	/**
	 * @param maxMessageSize the largest payload, in bytes (Spring Integration counts a
	 * delimiter in its maximum, the gateway does not)
	 * @throws IllegalArgumentException for a framing Spring Integration has no frame
	 * codec for; the properties' validator rejects those first
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
			default -> throw new IllegalArgumentException("No upstream codec for the " + framing.value() + " framing");
		};
	}

}
