package io.tcpgateway.server;

import java.time.Duration;

/**
 * When a connection factory next drops closed connections from its books.
 *
 * <p>Spring Integration's factories walk every connection they hold to find the closed ones: the NIO
 * factory after every selector wakeup, the blocking factory after every accept. With thousands of open
 * connections that walk costs more than the messages it sits between, so the gateway's factories leave
 * it to the connection sweeper, at most once per interval; a closed connection costs only its memory
 * until then.
 */
final class HarvestSchedule {

	/** Often enough that closed connections do not accumulate, rarely enough to cost nothing per message. */
	static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	private final long intervalNanos;

	private long nextHarvestNanos;

	HarvestSchedule(Duration interval) {
		this.intervalNanos = interval.toNanos();
		this.nextHarvestNanos = System.nanoTime();
	}

	/**
	 * Whether a harvest is due now; if so, the next one is scheduled one interval later.
	 * Called by one thread only, the connection sweeper's.
	 */
	boolean isDue() {
		long now = System.nanoTime();
		if (now - this.nextHarvestNanos < 0) {
			return false;
		}
		this.nextHarvestNanos = now + this.intervalNanos;
		return true;
	}

}
