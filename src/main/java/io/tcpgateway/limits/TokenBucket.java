package io.tcpgateway.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket: tokens return at a steady rate up to the bucket's capacity, and may be
 * taken past zero.
 *
 * <p>
 * The gateway's own rather than Bucket4j's: a read learns how many bytes and messages it
 * held only after the kernel has handed them over, so the bucket must take what was read
 * and let the connection owe the rest (Bucket4j refuses by default, and makes every take
 * a compare-and-set for threads that share a bucket, where each connection's bucket has
 * one reading thread). The arithmetic is this class; a dependency would not make it
 * shorter. Not thread-safe: a shared bucket is guarded by its user.
 */
final class TokenBucket {

	private final double tokensPerNano;

	private final double capacity;

	private double tokens;

	private long updatedNanos;

	/**
	 * A full bucket.
	 * @param perSecond tokens returned per second
	 * @param burst how long the rate takes to fill the bucket: its capacity is
	 * {@code perSecond} times this, and at least one token
	 */
	TokenBucket(double perSecond, Duration burst, long nowNanos) {
		this.tokensPerNano = perSecond / TimeUnit.SECONDS.toNanos(1);
		this.capacity = Math.max(1, perSecond * burst.toNanos() / TimeUnit.SECONDS.toNanos(1));
		this.tokens = this.capacity;
		this.updatedNanos = nowNanos;
	}

	/**
	 * @return the tokens there now; negative while a debt is being repaid
	 */
	double available(long nowNanos) {
		refill(nowNanos);
		return this.tokens;
	}

	/** Take tokens, as many as were used, even past zero. */
	void take(double count, long nowNanos) {
		refill(nowNanos);
		this.tokens -= count;
	}

	/**
	 * @return how long until {@code count} tokens are there, 0 when they are now
	 */
	long nanosUntil(double count, long nowNanos) {
		double missing = count - available(nowNanos);
		return (missing <= 0) ? 0 : (long) Math.ceil(missing / this.tokensPerNano);
	}

	/**
	 * @return whether the bucket is full again: its owner is as good as new
	 */
	boolean isFull(long nowNanos) {
		return available(nowNanos) >= this.capacity;
	}

	double capacity() {
		return this.capacity;
	}

	private void refill(long nowNanos) {
		long elapsed = nowNanos - this.updatedNanos;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerNano);
			this.updatedNanos = nowNanos;
		}
	}

}
