package io.tcpgateway.bench.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Wire framings the load tool speaks, named as the gateway's {@code tcp-gateway.framing}
 * values.
 *
 * <p>
 * Decoding knows the exact payload size every reply must have, so a frame that is longer
 * (its delimiter missing or its length header wrong) is reported as corrupt instead of
 * being waited for.
 */
public enum Framing {

	/** Frames end with CR LF. */
	CRLF("crlf", 0, new byte[] { '\r', '\n' }),

	/** Frames end with LF. */
	LF("lf", 0, new byte[] { '\n' }),

	/** Frames start with a four-byte big-endian length. */
	LENGTH_HEADER_4("length-header-4", 4, new byte[0]);

	private final String wireName;

	private final int headerLength;

	private final byte[] delimiter;

	Framing(String wireName, int headerLength, byte[] delimiter) {
		this.wireName = wireName;
		this.headerLength = headerLength;
		this.delimiter = delimiter;
	}

	public static Framing of(String name) {
		return Arrays.stream(values())
			.filter((framing) -> framing.wireName.equalsIgnoreCase(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unsupported framing '" + name + "' (supported: "
					+ Arrays.stream(values()).map(Framing::wireName).collect(Collectors.joining(", ")) + ")"));
	}

	public String wireName() {
		return this.wireName;
	}

	int frameLength(int payloadLength) {
		return this.headerLength + payloadLength + this.delimiter.length;
	}

	int payloadOffset() {
		return this.headerLength;
	}

	void encode(byte[] payload, ByteBuffer out) {
		if (this.headerLength == 4) {
			out.putInt(payload.length);
		}
		out.put(payload).put(this.delimiter);
	}

	/**
	 * Length of the complete frame at the buffer's position, without consuming it.
	 * @param in the received bytes, in read mode
	 * @param payloadLength the payload length every frame must have
	 * @return the frame length, or -1 when the frame is not complete yet
	 * @throws CorruptReplyException when the frame cannot have the expected payload
	 * length
	 */
	int completeFrameLength(ByteBuffer in, int payloadLength) {
		int start = in.position();
		int available = in.remaining();
		if (this.headerLength == 4) {
			if (available < 4) {
				return -1;
			}
			int length = in.getInt(start);
			if (length != payloadLength) {
				throw new CorruptReplyException(
						"length header (" + length + ") differs from the payload size (" + payloadLength + ")");
			}
			return (available >= 4 + length) ? 4 + length : -1;
		}
		int frameLength = payloadLength + this.delimiter.length;
		int scanEnd = Math.min(available, frameLength);
		for (int i = 0; i + this.delimiter.length <= scanEnd; i++) {
			if (delimiterAt(in, start + i)) {
				if (i != payloadLength) {
					throw new CorruptReplyException("frame of " + i + " bytes, expected " + payloadLength);
				}
				return frameLength;
			}
		}
		if (available >= frameLength) {
			throw new CorruptReplyException("no delimiter after " + payloadLength + " payload bytes");
		}
		return -1;
	}

	private boolean delimiterAt(ByteBuffer in, int index) {
		for (int i = 0; i < this.delimiter.length; i++) {
			if (in.get(index + i) != this.delimiter[i]) {
				return false;
			}
		}
		return true;
	}

}
