package io.tcpgateway.connection;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BooleanSupplier;

/**
 * One connection's requests in flight, and whether it is to close once they are answered:
 * the peer half-closed, or the application asked.
 */
public final class RequestTracker {

	/**
	 * The longest a blocked waiter goes without looking again, should a wake-up be
	 * missed.
	 */
	private static final long RECHECK_MILLIS = 100;

	// counted through updaters: every connection has a tracker, and an atomic object
	// apiece would be two more objects per idle connection
	private static final AtomicIntegerFieldUpdater<RequestTracker> IN_FLIGHT = AtomicIntegerFieldUpdater
		.newUpdater(RequestTracker.class, "inFlight");

	private static final AtomicIntegerFieldUpdater<RequestTracker> READS_HELD = AtomicIntegerFieldUpdater
		.newUpdater(RequestTracker.class, "readsHeld");

	private volatile int inFlight;

	/** Requests of the connection parked for room in the handler pool's queue. */
	private volatile int readsHeld;

	/** Set once, to the first reason given. */
	private volatile CloseReason closeWhenDone;

	/**
	 * Whether a thread waits in {@link #awaitWhile}: only then does a finished request
	 * notify.
	 */
	private volatile boolean awaited;

	void started() {
		IN_FLIGHT.incrementAndGet(this);
	}

	/**
	 * @return {@code true} when that was the last request in flight of a connection that
	 * is to close
	 */
	boolean finished() {
		int left = IN_FLIGHT.decrementAndGet(this);
		if (this.awaited) {
			synchronized (this) {
				notifyAll();
			}
		}
		return left == 0 && this.closeWhenDone != null;
	}

	public int inFlight() {
		return this.inFlight;
	}

	/**
	 * Stop reading the connection: a request of it waits for room in the handler pool's
	 * queue. Undone by {@link #releaseReads()}.
	 */
	public void holdReads() {
		READS_HELD.incrementAndGet(this);
	}

	/** The request that held the connection's reads has found room: read again. */
	public void releaseReads() {
		READS_HELD.decrementAndGet(this);
		if (this.awaited) {
			synchronized (this) {
				notifyAll();
			}
		}
	}

	/**
	 * @return whether the connection is not to be read, its requests waiting for room in
	 * the handler pool
	 */
	boolean readsHeld() {
		return this.readsHeld > 0;
	}

	/** Close once every request has been answered; the first reason given is kept. */
	void closeWhenDone(CloseReason reason) {
		if (this.closeWhenDone == null) {
			this.closeWhenDone = reason;
		}
	}

	/**
	 * @return why the connection is to close once done, or {@code null} while it is not
	 */
	public CloseReason closeWhenDone() {
		return this.closeWhenDone;
	}

	/**
	 * Block while {@code condition} holds, looking again whenever a request finishes
	 * (blocking I/O mode).
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	public void awaitWhile(BooleanSupplier condition) throws InterruptedException {
		synchronized (this) {
			this.awaited = true;
			try {
				while (condition.getAsBoolean()) {
					wait(RECHECK_MILLIS);
				}
			}
			finally {
				this.awaited = false;
			}
		}
	}

}
