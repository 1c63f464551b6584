package io.tcpgateway.connection;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.PauseRule;
import io.tcpgateway.limits.ReadThrottle;
import io.tcpgateway.limits.SlowConsumerLimits;

/**
 * Every reason for one connection to leave its bytes in the socket, in one place, so that
 * TCP flow control slows the client down instead of the gateway buffering without bound:
 * too many of its requests open, its requests waiting for room in the handler pool, a
 * feature's {@link ReadGate} shut, too many of its reply bytes waiting, the gateway's
 * memory budgets exhausted while it holds some, its message or byte rate used up. Both
 * transports ask it before each read: the event loop pauses the connection's read
 * interest and looks again after its read delay; a blocking connection's thread waits
 * here, a bounded while at a time.
 *
 * <p>
 * Only the connection's reading thread uses it (one read task at a time), and
 * {@link #shutBy} allocates nothing: it runs before every read on the event loop.
 */
public final class ConnectionReadGate {

	/**
	 * The longest a blocking connection waits before it looks again whether it is open.
	 */
	private static final long MAX_WAIT_MILLIS = 100;

	/** Why a connection is not read now. */
	public enum Reason {

		/** Too many of its requests are open: read again once half have completed. */
		REQUESTS_IN_FLIGHT,

		/** A request of it waits for room in the handler pool's queue. */
		READS_HELD,

		/** A feature's read gate is shut, such as a backend at its limit of requests. */
		FEATURE_GATE,

		/** Too many of its reply bytes wait (slow-consumer backpressure). */
		REPLIES_PENDING,

		/** The gateway's budget of waiting reply bytes is spent, and it holds some. */
		OUTBOUND_BUDGET,

		/** The gateway's budget of incomplete frames is spent, and it holds one. */
		INBOUND_BUDGET,

		/** It has used up its message or byte rate. */
		RATE_LIMIT

	}

	/** The features' gates, every connection together. */
	private final ReadGate features;

	private final RequestTracker requests;

	/** Pauses reading while too many requests are in flight. */
	private final PauseRule inFlightPause;

	/**
	 * Pauses reading while too many reply bytes wait, or {@code null} when they close.
	 */
	private final PauseRule pendingPause;

	/** Reply bytes waiting on every connection together. */
	private final MemoryBudget outboundBudget;

	private final IncompleteFrame incompleteFrame;

	/** Holds reads to the rate limits, or {@code null} when there are none. */
	private final ReadThrottle throttle;

	/**
	 * @param throttle holds reads to the rate limits, or {@code null} when there are none
	 */
	ConnectionReadGate(ReadGate features, RequestTracker requests, int maxRequestsInFlight,
			SlowConsumerLimits slowConsumer, MemoryBudget outboundBudget, IncompleteFrame incompleteFrame,
			ReadThrottle throttle) {
		this.features = features;
		this.requests = requests;
		this.inFlightPause = new PauseRule(maxRequestsInFlight);
		this.pendingPause = slowConsumer.pausesReading() ? slowConsumer.newPauseRule() : null;
		this.outboundBudget = outboundBudget;
		this.incompleteFrame = incompleteFrame;
		this.throttle = throttle;
	}

	/**
	 * @param pendingReplyBytes the connection's reply bytes waiting to be written (0 for
	 * a blocking connection, which writes its replies before it reads on)
	 * @return why the connection is not to be read now, or {@code null} when it may be
	 */
	public Reason shutBy(long pendingReplyBytes) {
		if (this.inFlightPause.shouldPause(this.requests.inFlight())) {
			return Reason.REQUESTS_IN_FLIGHT;
		}
		if (this.requests.readsHeld()) {
			return Reason.READS_HELD;
		}
		if (this.features.isShut()) {
			return Reason.FEATURE_GATE;
		}
		if (this.pendingPause != null && this.pendingPause.shouldPause(pendingReplyBytes)) {
			return Reason.REPLIES_PENDING;
		}
		if (pendingReplyBytes > 0 && this.outboundBudget.isExhausted()) {
			return Reason.OUTBOUND_BUDGET;
		}
		if (this.incompleteFrame.shouldPause()) {
			return Reason.INBOUND_BUDGET;
		}
		if (this.throttle != null && this.throttle.shouldPause()) {
			return Reason.RATE_LIMIT;
		}
		return null;
	}

	/**
	 * @param capacity the bytes the read buffer could take
	 * @return how many bytes the next read may take: fewer while a memory budget is spent
	 * or the rate allows fewer, at least 1
	 */
	public int readLimit(int capacity) {
		int limit = this.outboundBudget.readLimit(this.incompleteFrame.readLimit(capacity));
		return (this.throttle != null) ? this.throttle.readLimit(limit) : limit;
	}

	/**
	 * Count a read against the rates and report what the connection holds of a frame
	 * after it.
	 * @param frames frames the read completed
	 * @param bytes bytes read, 0 at the end of the stream
	 * @param retained heap held for the incomplete frame now
	 */
	public void afterRead(int frames, long bytes, long retained) {
		if (this.throttle != null) {
			this.throttle.afterRead(frames, bytes);
		}
		this.incompleteFrame.afterRead(retained, frames);
	}

	/**
	 * For a blocking connection's thread: wait until the reason may have lifted, for at
	 * most a tenth of a second at a time (the caller asks {@link #shutBy} again).
	 * @param reason what {@link #shutBy} answered
	 * @param open whether the connection is still open: a closed one waits no more
	 */
	public void await(Reason reason, BooleanSupplier open) throws InterruptedException {
		switch (reason) {
			case REQUESTS_IN_FLIGHT, READS_HELD -> this.requests.awaitWhile(() -> open.getAsBoolean()
					&& (this.inFlightPause.shouldPause(this.requests.inFlight()) || this.requests.readsHeld()));
			case FEATURE_GATE -> this.features.awaitOpen(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			case INBOUND_BUDGET -> this.incompleteFrame.awaitRoom(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			case RATE_LIMIT -> TimeUnit.NANOSECONDS
				.sleep(Math.min(this.throttle.nanosUntilReady(), TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)));
			case REPLIES_PENDING, OUTBOUND_BUDGET ->
				throw new IllegalArgumentException("a blocking connection holds no reply bytes: " + reason);
		}
	}

}
