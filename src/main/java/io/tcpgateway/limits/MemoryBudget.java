package io.tcpgateway.limits;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A gateway-wide limit on heap that clients make the gateway hold: the sum over every
 * connection, where each connection's own limit bounds only its share. Connections report
 * what they hold when it changes, not per byte, so a connection that holds nothing (the
 * usual case between frames) never touches the shared counter.
 *
 * <p>
 * At the limit the budget is exhausted: connections that hold bytes stop being read until
 * it has room again, and the others read at most {@link #EXHAUSTED_READ_BYTES} at a time,
 * so what the whole gateway may go over by is bounded too.
 */
public final class MemoryBudget {

	/**
	 * The most a connection that holds nothing may read at once while the budget is
	 * exhausted: enough for ordinary requests to go on being served, small enough that
	 * ten thousand connections add only 20 MB.
	 */
	public static final int EXHAUSTED_READ_BYTES = 2048;

	private final String property;

	private final long limit;

	private final AtomicLong held = new AtomicLong();

	private final ReentrantLock roomLock = new ReentrantLock();

	private final Condition room = this.roomLock.newCondition();

	/** Threads waiting in {@link #awaitRoom}; read on every release. */
	private volatile int waiters;

	/**
	 * @param property the property that sets the limit, for log messages
	 * @param limit bytes the gateway may hold, at least 1
	 */
	public MemoryBudget(String property, long limit) {
		if (limit < 1) {
			throw new IllegalArgumentException(property + " must be at least 1 byte");
		}
		this.property = property;
		this.limit = limit;
	}

	/**
	 * @return the property that sets the limit
	 */
	public String property() {
		return this.property;
	}

	public long limit() {
		return this.limit;
	}

	/**
	 * @return bytes held now, all connections together
	 */
	public long held() {
		return this.held.get();
	}

	/**
	 * @return whether the connections together hold the limit or more
	 */
	public boolean isExhausted() {
		return this.held.get() >= this.limit;
	}

	/**
	 * @param capacity the bytes a read could take
	 * @return how many a connection may read now: at most {@link #EXHAUSTED_READ_BYTES}
	 * while the budget is exhausted
	 */
	public int readLimit(int capacity) {
		return isExhausted() ? Math.min(capacity, EXHAUSTED_READ_BYTES) : capacity;
	}

	/**
	 * @return whether the connections hold no more than three quarters of the limit: the
	 * low-water mark the gateway closes connections down to, so that reading resumes with
	 * room to spare instead of hitting the limit again at once
	 */
	public boolean isBelowLowWater() {
		return this.held.get() <= this.limit - this.limit / 4;
	}

	/**
	 * Record a change in what one connection holds.
	 * @param delta bytes more (or, negative, fewer) than it held before
	 */
	public void change(long delta) {
		long now = this.held.addAndGet(delta);
		if (delta < 0 && this.waiters > 0 && now < this.limit) {
			this.roomLock.lock();
			try {
				this.room.signalAll();
			}
			finally {
				this.roomLock.unlock();
			}
		}
	}

	/**
	 * For a blocking connection: wait until the budget has room, or for at most the
	 * timeout (the caller checks again whether it is still open).
	 */
	public void awaitRoom(long timeout, TimeUnit unit) throws InterruptedException {
		this.roomLock.lock();
		try {
			this.waiters++;
			if (isExhausted()) {
				this.room.await(timeout, unit);
			}
		}
		finally {
			this.waiters--;
			this.roomLock.unlock();
		}
	}

}
