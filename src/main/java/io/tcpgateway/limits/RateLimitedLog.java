package io.tcpgateway.limits;

import java.time.Duration;
import java.util.function.LongFunction;

import org.apache.commons.logging.Log;

/**
 * Logs a recurring warning at most once a minute, with the number of occurrences it
 * stands for, so a flood of bad clients cannot flood the log.
 */
public final class RateLimitedLog {

	private static final long INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final Log log;

	private long suppressed;

	private long nextLogAt = System.nanoTime();

	public RateLimitedLog(Log log) {
		this.log = log;
	}

	/**
	 * Count one occurrence, and log it if the last line is a minute old.
	 * @param message the line, given the occurrences since the last line, this one
	 * included
	 * @return whether a line was logged
	 */
	public synchronized boolean warn(LongFunction<String> message) {
		this.suppressed++;
		long now = System.nanoTime();
		if (now - this.nextLogAt >= 0) {
			this.log.warn(message.apply(this.suppressed) + " (logged at most once a minute)");
			this.suppressed = 0;
			this.nextLogAt = now + INTERVAL_NANOS;
			return true;
		}
		return false;
	}

}
