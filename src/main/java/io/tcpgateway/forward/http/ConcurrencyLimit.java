package io.tcpgateway.forward.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.connection.ReadGate;

/**
 * Counts the requests the gateway has open at a backend, all connections together,
 * against a limit: at the limit no connection is read until some complete, so a slow
 * backend slows the clients down instead of the gateway queueing their requests without
 * bound.
 *
 * <p>
 * Counting never blocks and never refuses: a read already under way dispatches all its
 * frames, so the count may go past the limit by the frames of the reads that had started
 * when it was reached; every later read waits.
 */
final class ConcurrencyLimit implements ReadGate {

	private final String property;

	private final int limit;

	private final AtomicInteger open = new AtomicInteger();

	private final ReentrantLock roomLock = new ReentrantLock();

	private final Condition room = this.roomLock.newCondition();

	/** Threads waiting in {@link #awaitRoom}; read on every release. */
	private volatile int waiters;

	/**
	 * @param property the property that sets the limit, for log messages
	 * @param limit requests that may be open at once, at least 1
	 */
	ConcurrencyLimit(String property, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException(property + " must be at least 1");
		}
		this.property = property;
		this.limit = limit;
	}

	/**
	 * @return the property that sets the limit
	 */
	String property() {
		return this.property;
	}

	int limit() {
		return this.limit;
	}

	/**
	 * @return requests open now
	 */
	int open() {
		return this.open.get();
	}

	/**
	 * @return whether the limit is reached, so connections should not be read
	 */
	boolean isExhausted() {
		return this.open.get() >= this.limit;
	}

	@Override
	public boolean isShut() {
		return isExhausted();
	}

	@Override
	public void awaitOpen(long timeout, TimeUnit unit) throws InterruptedException {
		awaitRoom(timeout, unit);
	}

	/** Count a request opened; it is given back with {@link #release()}. */
	void acquire() {
		this.open.incrementAndGet();
	}

	/** Count a request completed, and wake blocking connections waiting for room. */
	void release() {
		int now = this.open.decrementAndGet();
		if (this.waiters > 0 && now < this.limit) {
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
	 * For a blocking connection: wait until the limit has room, or for at most the
	 * timeout (the caller checks again whether it is still open).
	 */
	void awaitRoom(long timeout, TimeUnit unit) throws InterruptedException {
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
