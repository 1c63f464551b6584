package io.tcpgateway.framing;

import java.io.IOException;

/**
 * The peer broke the framing rules; its connection cannot be trusted to stay in sync and
 * is closed.
 */
public class FrameDecodingException extends IOException {

	private final Reason reason;

	/**
	 * @param reason why the frame is rejected, the {@code reason} tag it is counted by
	 * @param message what was wrong, logged with the client's address
	 */
	public FrameDecodingException(Reason reason, String message) {
		this(reason, message, null);
	}

	/**
	 * @param reason why the frame is rejected, the {@code reason} tag it is counted by
	 * @param message what was wrong, logged with the client's address
	 * @param cause the failure that revealed it
	 */
	public FrameDecodingException(Reason reason, String message, Throwable cause) {
		super(message, cause);
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

	/**
	 * @param length the frame's length, or as much of it as is known to be too long
	 * @param max the maximum message size
	 * @return the exception for a frame over the maximum, worded as the built-in decoders
	 * word it
	 */
	public static FrameDecodingException tooLong(long length, int max) {
		return new FrameDecodingException(Reason.OVERSIZE,
				"frame length (" + length + ") exceeds the allowed maximum (" + max + ")");
	}

	static FrameDecodingException truncated(int buffered) {
		return new FrameDecodingException(Reason.TRUNCATED,
				"stream ended inside a frame (" + buffered + " bytes of an incomplete frame)");
	}

}
