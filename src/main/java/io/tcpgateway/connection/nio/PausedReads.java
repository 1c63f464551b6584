package io.tcpgateway.connection.nio;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one event loop whose reads are paused, oldest first, each tried
 * again once the read delay is over; loop thread only.
 */
final class PausedReads {

	/** How long a paused read waits before it is tried again. */
	private final long readDelayNanos;

	private final ArrayDeque<NioConnection> paused = new ArrayDeque<>();

	PausedReads(long readDelayNanos) {
		this.readDelayNanos = readDelayNanos;
	}

	/** Try the connection's read again after the read delay. */
	void add(NioConnection connection) {
		connection.interest().pausedAt(System.nanoTime());
		this.paused.add(connection);
	}

	boolean isEmpty() {
		return this.paused.isEmpty();
	}

	/**
	 * @return how long {@code select} may wait before the oldest paused read is due, at
	 * least a millisecond; none may be empty
	 */
	long waitMillis() {
		long waitNanos = this.paused.peekFirst().interest().pausedAt() + this.readDelayNanos - System.nanoTime();
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
	}

	/**
	 * @return the oldest connection whose read delay is over, taken off the queue, or
	 * {@code null} when none is
	 */
	NioConnection pollDue(long now) {
		if (!this.paused.isEmpty() && now - this.paused.peekFirst().interest().pausedAt() >= this.readDelayNanos) {
			return this.paused.pollFirst();
		}
		return null;
	}

}
