package io.tcpgateway.limits;

/**
 * Holds one connection's reads to its message and byte rates by not reading, so TCP flow
 * control slows the client down: nothing is dropped, and nothing is kept past the read
 * that went over. Used by the connection's reading thread only.
 *
 * <p>
 * Bytes are limited exactly: a read takes no more than the tokens there. How many
 * messages a read holds is known only once it is decoded, so a read takes as many bytes
 * as the messages allowed would fill at the connection's average frame length so far (at
 * first, the shortest frame possible); a read that held more messages than that leaves a
 * debt, and reading waits until it is repaid.
 */
public final class ReadThrottle {

	/** Message tokens, or {@code null} when messages are not limited. */
	private final TokenBucket messages;

	/** Byte tokens, or {@code null} when bytes are not limited. */
	private final TokenBucket bytes;

	private final int minFrameLength;

	private long bytesRead;

	private long messagesRead;

	/** Told each time the connection starts waiting for its tokens, to count it. */
	private final Runnable onPause;

	private boolean paused;

	ReadThrottle(TokenBucket messages, TokenBucket bytes, int minFrameLength, Runnable onPause) {
		this.messages = messages;
		this.bytes = bytes;
		this.minFrameLength = Math.max(1, minFrameLength);
		this.onPause = onPause;
	}

	/**
	 * @return whether the connection has used its tokens and must wait before reading
	 * again
	 */
	public boolean shouldPause() {
		long now = System.nanoTime();
		boolean pause = (this.messages != null && this.messages.available(now) < 1)
				|| (this.bytes != null && this.bytes.available(now) < 1);
		if (pause && !this.paused) {
			this.onPause.run();
		}
		this.paused = pause;
		return pause;
	}

	/**
	 * @param limit the most the read may take otherwise
	 * @return the most the next read may take, at least 1 byte
	 */
	public int readLimit(int limit) {
		long now = System.nanoTime();
		double allowed = limit;
		if (this.bytes != null) {
			allowed = Math.min(allowed, this.bytes.available(now));
		}
		if (this.messages != null) {
			long averageFrame = (this.messagesRead > 0) ? this.bytesRead / this.messagesRead : 0;
			allowed = Math.min(allowed,
					Math.floor(this.messages.available(now)) * Math.max(this.minFrameLength, averageFrame));
		}
		return (int) Math.max(1, allowed);
	}

	/** Take the tokens a read used. */
	public void afterRead(long messagesDecoded, long bytesReceived) {
		long now = System.nanoTime();
		if (this.messages != null && messagesDecoded > 0) {
			this.messages.take(messagesDecoded, now);
		}
		if (this.bytes != null && bytesReceived > 0) {
			this.bytes.take(bytesReceived, now);
		}
		this.bytesRead += bytesReceived;
		this.messagesRead += messagesDecoded;
	}

	/**
	 * @return how long until the connection may read again, 0 when it may now
	 */
	public long nanosUntilReady() {
		long now = System.nanoTime();
		long wait = 0;
		if (this.messages != null) {
			wait = this.messages.nanosUntil(1, now);
		}
		if (this.bytes != null) {
			wait = Math.max(wait, this.bytes.nanosUntil(1, now));
		}
		return wait;
	}

}
