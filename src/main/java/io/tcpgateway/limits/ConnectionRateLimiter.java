package io.tcpgateway.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the connections each client address opens against a rate, with a token bucket
 * per address.
 *
 * <p>
 * The table is bounded: a client is forgotten once its bucket has filled again (it is
 * then as good as new), and past {@link #MAX_TRACKED_CLIENTS} addresses new ones are
 * admitted untracked rather than refused, so that a flood from many addresses can neither
 * grow the heap nor lock out clients never seen before; {@code max-connections} still
 * bounds what they hold.
 */
public final class ConnectionRateLimiter {

	/** Addresses tracked at once, about 100 bytes each. */
	static final int MAX_TRACKED_CLIENTS = 65_536;

	private final Double perSecond;

	private final Duration burst;

	private final Map<InetAddress, TokenBucket> buckets = new ConcurrentHashMap<>();

	/**
	 * @param perSecond connections one address may open per second, or {@code null} for
	 * no limit
	 */
	ConnectionRateLimiter(Double perSecond, Duration burst) {
		this.perSecond = perSecond;
		this.burst = burst;
	}

	/**
	 * @return whether the client may open one more connection now
	 */
	public boolean tryAcquire(InetAddress client) {
		if (this.perSecond == null) {
			return true;
		}
		long now = System.nanoTime();
		TokenBucket bucket = this.buckets.get(client);
		if (bucket == null) {
			if (this.buckets.size() >= MAX_TRACKED_CLIENTS) {
				return true;
			}
			bucket = this.buckets.computeIfAbsent(client, (key) -> new TokenBucket(this.perSecond, this.burst, now));
		}
		synchronized (bucket) {
			if (bucket.available(now) < 1) {
				return false;
			}
			bucket.take(1, now);
			return true;
		}
	}

	/**
	 * @return the connection rate of one address, or {@code null} when unlimited
	 */
	public Double perSecond() {
		return this.perSecond;
	}

	/** Forget the clients whose bucket has filled again. */
	public void forgetRested() {
		if (this.buckets.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		this.buckets.values().removeIf((bucket) -> {
			synchronized (bucket) {
				return bucket.isFull(now);
			}
		});
	}

	/**
	 * @return the addresses tracked now
	 */
	int trackedClients() {
		return this.buckets.size();
	}

}
