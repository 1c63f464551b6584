package io.tcpgateway.connection.nio;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.tcpgateway.connection.TrafficCounters;
import io.tcpgateway.limits.MemoryBudget;

/**
 * The accounting of one NIO connection's unwritten reply bytes: how many wait, since when
 * they have made no progress, and their share of the gateway's outbound budget. The loop
 * counts what it has queued; another thread counts a reply when it hands it over, so the
 * limits see it at once, and the loop takes the count over when it queues the reply. Read
 * by any thread.
 */
final class PendingBytes {

	private static final AtomicLongFieldUpdater<PendingBytes> HANDED_OVER = AtomicLongFieldUpdater
		.newUpdater(PendingBytes.class, "handedOver");

	/** Reply bytes waiting on every connection together. */
	private final MemoryBudget budget;

	/**
	 * Bytes counted in the budget by the loop; loop thread only. Replies written at once
	 * are never counted, so the shared counter is touched only by clients that fall
	 * behind, and by replies handed over from other threads.
	 */
	private long budgeted;

	/** Bytes the loop has queued and not yet written; written by the loop only. */
	private volatile long bytes;

	/**
	 * Bytes of replies handed over by other threads that the loop has not queued yet:
	 * added by those threads, taken by the loop; through an updater, not an atomic object
	 * per connection.
	 */
	private volatile long handedOver;

	/**
	 * Odd while the loop moves a handed-over reply's count to its own, so that no reader
	 * sees it counted twice or not at all; written by the loop only.
	 */
	private volatile int moving;

	/**
	 * When queued bytes last made progress (or started waiting); written by the loop.
	 */
	private volatile long lastProgressNanos;

	/** Messages queued since the last write was counted; loop thread only. */
	private int uncountedMessages;

	PendingBytes(MemoryBudget budget) {
		this.budget = budget;
	}

	/** Bytes queued; loop thread. */
	void add(long count) {
		this.bytes += count;
	}

	/**
	 * Bytes of a reply handed over to the loop, waiting from now on: counted here and in
	 * the budget at once; any thread.
	 */
	void handedOver(long count) {
		HANDED_OVER.addAndGet(this, count);
		this.budget.change(count);
	}

	/**
	 * The loop starts to queue a handed-over reply: until {@link #moved}, readers wait
	 * for its count to be moved; loop thread.
	 */
	void moveStarted() {
		this.moving++;
	}

	/**
	 * The handed-over reply of that many bytes is queued, and counted by the loop as such
	 * (or dropped); loop thread, after {@link #moveStarted}, even when queueing it
	 * failed.
	 */
	void moved(long count) {
		HANDED_OVER.addAndGet(this, -count);
		// counted in the budget when it was handed over
		this.budgeted += count;
		this.moving++;
	}

	/**
	 * A handed-over reply is dropped, the connection having closed: its bytes leave the
	 * budget; loop thread.
	 */
	void dropped(long count) {
		HANDED_OVER.addAndGet(this, -count);
		this.budget.change(-count);
	}

	/**
	 * Bytes of a reply the TLS session holds until its handshake is done, counted as
	 * waiting so that the limits apply to it like to any reply; loop thread.
	 */
	void held(long count) {
		startWaiting();
		this.bytes += count;
	}

	/**
	 * One more message has been queued, to be counted with the write that sends it; loop
	 * thread.
	 */
	void messageAdded() {
		this.uncountedMessages++;
	}

	/**
	 * A write has sent bytes, or messages wait to be counted: count them in the
	 * connection's traffic, and tell the budget what waits now; loop thread.
	 */
	void countSent(TrafficCounters traffic, long written) {
		if (written > 0 || this.uncountedMessages > 0) {
			traffic.sent(this.uncountedMessages, written);
			this.uncountedMessages = 0;
		}
		updateBudget();
	}

	/**
	 * Bytes no longer counted as waiting, without any having been written; loop thread.
	 */
	void remove(long count) {
		this.bytes -= count;
	}

	/** Bytes written: progress; loop thread. */
	void written(long count) {
		this.bytes -= count;
		progressed();
	}

	/**
	 * Bytes are about to be queued: unless others wait already, waiting starts now; loop
	 * thread.
	 */
	void startWaiting() {
		if (this.bytes == 0) {
			progressed();
		}
	}

	/** Waiting bytes start waiting, or have moved; loop thread. */
	void progressed() {
		this.lastProgressNanos = System.nanoTime();
	}

	/**
	 * Nothing the loop queued waits any more: the connection has closed; loop thread.
	 */
	void clear() {
		this.bytes = 0;
		updateBudget();
	}

	/** Tell the gateway's outbound budget how many queued bytes wait now; loop thread. */
	void updateBudget() {
		long now = this.bytes;
		if (now != this.budgeted) {
			this.budget.change(now - this.budgeted);
			this.budgeted = now;
		}
	}

	/**
	 * @return bytes queued or handed over and not yet written; any thread
	 */
	long get() {
		while (true) {
			int before = this.moving;
			long waiting = this.bytes + this.handedOver;
			if ((before & 1) == 0 && this.moving == before) {
				return waiting;
			}
			// the loop is queueing one reply: a matter of microseconds
			Thread.onSpinWait();
		}
	}

	/**
	 * @return for how long queued bytes have made no progress, 0 when nothing waits; any
	 * thread. Bytes handed over wait for the loop, not for the client, so they are not
	 * counted.
	 */
	long stalledNanos(long now) {
		return (this.bytes > 0) ? now - this.lastProgressNanos : 0;
	}

}
