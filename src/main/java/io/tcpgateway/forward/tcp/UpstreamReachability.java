package io.tcpgateway.forward.tcp;

import java.time.Duration;

/**
 * What the bridge knows of the upstream's reachability: the last connection attempt's
 * outcome, for health, and the backoff that bounds connection attempts while it is down.
 *
 * <p>
 * After a failed attempt no other attempt is made for a delay that doubles with each
 * failure, from 100 ms to 2 s: a down upstream then costs at most a few attempts a
 * second, however many clients connect, and one that is back is found within 2 s.
 */
final class UpstreamReachability {

	static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	private int failures;

	private long nextAttemptAt = System.nanoTime();

	private String lastError;

	private boolean reached;

	synchronized void succeeded() {
		this.failures = 0;
		this.reached = true;
		this.nextAttemptAt = System.nanoTime();
	}

	synchronized void failed(String error) {
		this.failures++;
		this.reached = false;
		this.lastError = error;
		this.nextAttemptAt = System.nanoTime() + backoffNanos();
	}

	/**
	 * @return whether an attempt may be made now, that is, no backoff is running
	 */
	synchronized boolean mayAttempt() {
		return System.nanoTime() - this.nextAttemptAt >= 0;
	}

	/**
	 * @return how long until an attempt may be made, at least the first backoff
	 */
	synchronized Duration untilNextAttempt() {
		long nanos = this.nextAttemptAt - System.nanoTime();
		return Duration.ofNanos(Math.max(nanos, FIRST_BACKOFF.toNanos()));
	}

	/**
	 * @return {@code null} when no attempt was made yet, else whether the last one
	 * succeeded
	 */
	synchronized Boolean lastAttemptSucceeded() {
		return (this.failures == 0 && !this.reached) ? null : this.reached;
	}

	synchronized String lastError() {
		return this.lastError;
	}

	private long backoffNanos() {
		long nanos = FIRST_BACKOFF.toNanos() << Math.min(this.failures - 1, 10);
		return Math.min(nanos, MAX_BACKOFF.toNanos());
	}

}
