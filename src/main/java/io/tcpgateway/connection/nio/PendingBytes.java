package io.tcpgateway.connection.nio;

import io.tcpgateway.connection.TrafficCounters;
import io.tcpgateway.limits.MemoryBudget;

/**
 * The accounting of one NIO connection's unwritten reply bytes: how many wait, since when
 * they have made no progress, and their share of the gateway's outbound budget. Written
 * with the {@link OutboundQueue}'s lock held, read by any thread without it.
 */
final class PendingBytes {

	/** Reply bytes waiting on every connection together. */
	private final MemoryBudget budget;

	/**
	 * Bytes counted in the budget; lock held. Replies written at once are never counted,
	 * so the shared counter is touched only by clients that fall behind.
	 */
	private long budgeted;

	/** Bytes queued and not yet written; written under the lock, read without it. */
	private volatile long bytes;

	/**
	 * When queued bytes last made progress (or started waiting); written under the lock.
	 */
	private volatile long lastProgressNanos;

	/** Messages queued since the last write was counted; lock held. */
	private int uncountedMessages;

	PendingBytes(MemoryBudget budget) {
		this.budget = budget;
	}

	/** Bytes queued; lock held. */
	void add(long count) {
		this.bytes += count;
	}

	/**
	 * Bytes of a reply the TLS session holds until its handshake is done, counted as
	 * waiting so that the limits apply to it like to any reply; lock held.
	 */
	void held(long count) {
		if (this.bytes == 0) {
			progressed();
		}
		this.bytes += count;
	}

	/**
	 * One more message has been queued, to be counted with the write that sends it; lock
	 * held.
	 */
	void messageAdded() {
		this.uncountedMessages++;
	}

	/**
	 * A write has sent bytes, or messages wait to be counted: count them in the
	 * connection's traffic, and tell the budget what waits now; lock held.
	 */
	void countSent(TrafficCounters traffic, long written) {
		if (written > 0 || this.uncountedMessages > 0) {
			traffic.sent(this.uncountedMessages, written);
			this.uncountedMessages = 0;
		}
		updateBudget();
	}

	/** Bytes no longer counted as waiting, without any having been written; lock held. */
	void remove(long count) {
		this.bytes -= count;
	}

	/** Bytes written: progress; lock held. */
	void written(long count) {
		this.bytes -= count;
		progressed();
	}

	/** Waiting bytes start waiting, or have moved; lock held. */
	void progressed() {
		this.lastProgressNanos = System.nanoTime();
	}

	/** Nothing waits any more: the connection has closed; lock held. */
	void clear() {
		this.bytes = 0;
		updateBudget();
	}

	/** Tell the gateway's outbound budget how many bytes wait now; lock held. */
	void updateBudget() {
		long now = this.bytes;
		if (now != this.budgeted) {
			this.budget.change(now - this.budgeted);
			this.budgeted = now;
		}
	}

	/**
	 * @return bytes queued and not yet written; any thread
	 */
	long get() {
		return this.bytes;
	}

	/**
	 * @return for how long queued bytes have made no progress, 0 when nothing waits; any
	 * thread
	 */
	long stalledNanos(long now) {
		return (this.bytes > 0) ? now - this.lastProgressNanos : 0;
	}

}
