package io.tcpgateway.limits;

import java.time.Duration;

/**
 * How fast one client may send and connect; each rate is {@code null} when unlimited.
 *
 * @param messagesPerSecond frames one connection may send per second
 * @param bytesPerSecond bytes one connection may send per second
 * @param burst how far a client may run ahead of its rates, as time at that rate
 * @param connectionsPerSecond connections one client address may open per second
 */
public record RateLimits(Double messagesPerSecond, Double bytesPerSecond, Duration burst, Double connectionsPerSecond) {

	/** No limit at all. */
	public static final RateLimits NONE = new RateLimits(null, null, Duration.ofSeconds(1), null);

	/**
	 * @return whether connections are held to a message or byte rate
	 */
	public boolean limitsReads() {
		return this.messagesPerSecond != null || this.bytesPerSecond != null;
	}

	/**
	 * @param minFrameLength the fewest bytes a frame takes on the stream
	 * @param onPause told each time the connection starts waiting for its tokens
	 * @return the throttle of one new connection, or {@code null} when reads are not
	 * limited
	 */
	public ReadThrottle newThrottle(int minFrameLength, Runnable onPause) {
		if (!limitsReads()) {
			return null;
		}
		long now = System.nanoTime();
		return new ReadThrottle(bucket(this.messagesPerSecond, now), bucket(this.bytesPerSecond, now), minFrameLength,
				onPause);
	}

	/**
	 * @return the gateway's limiter of connections per client address
	 */
	public ConnectionRateLimiter newConnectionRateLimiter() {
		return new ConnectionRateLimiter(this.connectionsPerSecond, this.burst);
	}

	private TokenBucket bucket(Double perSecond, long now) {
		return (perSecond != null) ? new TokenBucket(perSecond, this.burst, now) : null;
	}

}
