package io.tcpgateway.limits;

import java.time.Duration;
import java.util.function.LongFunction;

import org.apache.commons.logging.Log;

/**
 * Logs a recurring warning or failure at most once a minute, with the number of
 * occurrences it stands for, so a flood of bad clients cannot flood the log.
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
	 * @param count the occurrences a line stands for, itself included
	 * @return what to end the line with: how many it stands for, when more than itself
	 */
	public static String andLikeIt(long count) {
		return (count > 1) ? "; " + count + " like it since the last such line" : "";
	}

	/**
	 * Count one occurrence, and log it if the last line is a minute old.
	 * @param message the line, given the occurrences since the last line, this one
	 * included
	 * @return whether a line was logged
	 */
	public synchronized boolean warn(LongFunction<String> message) {
		long count = due();
		if (count > 0) {
			this.log.warn(message.apply(count) + " (logged at most once a minute)");
			return true;
		}
		return false;
	}

	/**
	 * Count one occurrence, for a caller that writes its line itself (in a scope of its
	 * own).
	 * @return the occurrences the line due now stands for, or 0 when none is due
	 */
	public synchronized long count() {
		return due();
	}

	/**
	 * @return the line for {@code count} occurrences, as {@link #warn(LongFunction)}
	 * writes it
	 */
	public static String line(String message, long count) {
		return message + andLikeIt(count) + " (logged at most once a minute)";
	}

	/**
	 * Count one failure, and log it at WARN with its stack trace if the last line is a
	 * minute old.
	 * @param message the line, given the occurrences since the last line, this one
	 * included
	 * @return whether a line was logged
	 */
	public synchronized boolean warn(LongFunction<String> message, Throwable failure) {
		long count = due();
		if (count > 0) {
			this.log.warn(message.apply(count) + " (logged at most once a minute)", failure);
			return true;
		}
		return false;
	}

	/**
	 * Count one failure, and log it at ERROR with its stack trace if the last line is a
	 * minute old.
	 * @param message the line, given the occurrences since the last line, this one
	 * included
	 * @return whether a line was logged
	 */
	public synchronized boolean error(LongFunction<String> message, Throwable failure) {
		long count = due();
		if (count > 0) {
			this.log.error(message.apply(count) + " (logged at most once a minute)", failure);
			return true;
		}
		return false;
	}

	/**
	 * @return the occurrences the line to log now stands for, or 0 when none is due
	 */
	private long due() {
		this.suppressed++;
		long now = System.nanoTime();
		if (now - this.nextLogAt < 0) {
			return 0;
		}
		long count = this.suppressed;
		this.suppressed = 0;
		this.nextLogAt = now + INTERVAL_NANOS;
		return count;
	}

}
