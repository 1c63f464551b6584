package io.tcpgateway.framing;

import java.io.IOException;

/**
 * The peer broke the framing rules; its connection cannot be trusted to stay in sync and
 * is closed.
 */
public class FrameDecodingException extends IOException {

	private final Reason reason;

	public FrameDecodingException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * @return why the frame was rejected, for counting by reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a frame was rejected.
	 */
	public enum Reason {

		/** The frame is longer than the maximum message size. */
		OVERSIZE,

		/** The bytes do not follow the framing (a bad header or a missing start byte). */
		MALFORMED,

		/** The stream ended inside a frame. */
		TRUNCATED

	}

	static FrameDecodingException tooLong(long length, int max) {
		return new FrameDecodingException(Reason.OVERSIZE,
				"frame length (" + length + ") exceeds the allowed maximum (" + max + ")");
	}

	static FrameDecodingException truncated(int buffered) {
		return new FrameDecodingException(Reason.TRUNCATED,
				"stream ended inside a frame (" + buffered + " bytes of an incomplete frame)");
	}

}
