package io.tcpgateway.framing;

import java.nio.ByteBuffer;

/**
 * Frames a payload between fixed bytes: a terminator (CR LF, LF, NUL), STX and ETX around
 * it, or nothing at all (raw and unframed streams). The payload is not checked for those
 * bytes: as with Spring Integration's serializers, a reply that contains its framing's
 * terminator is the application's mistake.
 */
final class DelimitedFrameEncoder implements FrameEncoder {

	private final byte[] prefix;

	private final byte[] suffix;

	DelimitedFrameEncoder(byte[] prefix, byte[] suffix) {
		this.prefix = prefix;
		this.suffix = suffix;
	}

	@Override
	public int frameLength(int payloadLength) {
		return this.prefix.length + payloadLength + this.suffix.length;
	}

	@Override
	public void encode(byte[] payload, ByteBuffer target) {
		target.put(this.prefix).put(payload).put(this.suffix);
	}

}
