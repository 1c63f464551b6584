package io.tcpgateway.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.tcpgateway.limits.MemoryBudget;

/**
 * What one connection holds of a frame it has not received whole: the heap, reported to
 * the gateway's inbound budget, and since when the frame has been incomplete (for the
 * frame timeout).
 *
 * <p>
 * The reading thread reports after each read; the connection's close gives the bytes
 * back, from whichever thread closes it, once and never twice.
 */
final class IncompleteFrame {

	/** What {@link #held} is set to on close: later reports are ignored. */
	private static final long RELEASED = -1;

	private final MemoryBudget budget;

	private static final AtomicLongFieldUpdater<IncompleteFrame> HELD = AtomicLongFieldUpdater
		.newUpdater(IncompleteFrame.class, "held");

	/**
	 * Bytes reported to the budget; through an updater, not an atomic object per
	 * connection.
	 */
	private volatile long held;

	/** {@link System#nanoTime()} when the frame now incomplete began; 0 when none. */
	private volatile long sinceNanos;

	IncompleteFrame(MemoryBudget budget) {
		this.budget = budget;
	}

	/**
	 * Report what the connection holds after a read.
	 * @param retained heap held for the incomplete frame now
	 * @param framesCompleted frames the read completed: the bytes now held, if any,
	 * belong to a frame that began in this read
	 */
	void afterRead(long retained, int framesCompleted) {
		long before = this.held;
		if (retained != before && before != RELEASED && HELD.compareAndSet(this, before, retained)) {
			this.budget.change(retained - before);
		}
		if (retained == 0) {
			this.sinceNanos = 0;
		}
		else if (framesCompleted > 0 || this.sinceNanos == 0) {
			this.sinceNanos = System.nanoTime();
		}
	}

	/**
	 * Whether to leave the socket unread for now: the connection holds part of a frame
	 * and the gateway's budget is exhausted. Reading it would only add to what it holds.
	 */
	boolean shouldPause() {
		return this.held > 0 && this.budget.isExhausted();
	}

	/**
	 * @param capacity the bytes the read buffer could take
	 * @return how many bytes to read now: fewer while the budget is exhausted
	 */
	int readLimit(int capacity) {
		return this.budget.readLimit(capacity);
	}

	/** The connection has closed: give its bytes back to the budget. */
	void release() {
		long before = HELD.getAndSet(this, RELEASED);
		if (before > 0) {
			this.budget.change(-before);
		}
		this.sinceNanos = 0;
	}

	/**
	 * @return heap held for the incomplete frame, 0 when none
	 */
	long heldBytes() {
		return Math.max(this.held, 0);
	}

	/**
	 * @return {@link System#nanoTime()} when the incomplete frame began, 0 when none
	 */
	long sinceNanos() {
		return this.sinceNanos;
	}

	/**
	 * For a blocking connection that {@link #shouldPause should pause}: wait until the
	 * budget has room, or for at most the timeout.
	 */
	void awaitRoom(long timeout, TimeUnit unit) throws InterruptedException {
		this.budget.awaitRoom(timeout, unit);
	}

}
