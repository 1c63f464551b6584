package io.tcpgateway.forward.tcp;

import java.time.Instant;

import io.tcpgateway.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether one upstream is up, from its active checks and its real clients' connection
 * attempts: {@code rise} successes in a row bring it up, {@code fall} failures in a row
 * take it down, so that one lost check does not flap it. Until the first outcome it
 * counts as up and that first outcome decides at once: a gateway started beside a dead
 * upstream does not send it clients for {@code interval × fall}. A real client's failed
 * connection attempt counts as a check (a passive one), so the count in each transition's
 * INFO line may include them; its successful one counts only without active checks, since
 * an upstream that accepts connections may still fail its {@code send}/{@code expect}
 * check.
 */
final class UpstreamHealth {

	private static final Log logger = LogFactory.getLog(UpstreamHealth.class);

	private final String upstream;

	private final int rise;

	private final int fall;

	/** {@code null} until the first outcome. */
	private Boolean up;

	private int successes;

	private int failures;

	/** {@link System#nanoTime()} when it last came back up; 0 while it never did. */
	private long upSinceNanos;

	private Instant lastCheck;

	private String lastError;

	UpstreamHealth(String upstream, int rise, int fall) {
		this.upstream = upstream;
		this.rise = rise;
		this.fall = fall;
	}

	/**
	 * @param check whether an active check passed, rather than a client's connection
	 */
	synchronized void passed(boolean check) {
		if (check) {
			this.lastCheck = Instant.now();
		}
		this.failures = 0;
		this.successes++;
		if (this.up == null) {
			this.up = true;
		}
		else if (!this.up && this.successes >= this.rise) {
			this.up = true;
			this.upSinceNanos = System.nanoTime();
			logger.info("upstream " + this.upstream + " UP after " + this.successes + " successful check"
					+ ((this.successes > 1) ? "s" : ""));
		}
	}

	/**
	 * @param check whether an active check failed, rather than a client's connection
	 * @param error why
	 */
	synchronized void failed(boolean check, String error) {
		if (check) {
			this.lastCheck = Instant.now();
		}
		this.lastError = error;
		this.successes = 0;
		this.failures++;
		if ((this.up == null || this.up) && (this.up == null || this.failures >= this.fall)) {
			this.up = false;
			logger.info("upstream " + this.upstream + " DOWN after " + this.failures + " failed check"
					+ ((this.failures > 1) ? "s" : "") + ": " + LogSafe.escape(error));
		}
	}

	/**
	 * @return whether it takes new clients: up, or not yet checked
	 */
	synchronized boolean isUp() {
		return this.up == null || this.up;
	}

	/**
	 * @return whether neither a check nor a connection attempt has had an outcome yet
	 */
	synchronized boolean isUnknown() {
		return this.up == null;
	}

	/**
	 * @return {@link System#nanoTime()} when it last came back up, 0 if it never did
	 */
	synchronized long upSinceNanos() {
		return this.upSinceNanos;
	}

	synchronized Instant lastCheck() {
		return this.lastCheck;
	}

	synchronized String lastError() {
		return this.lastError;
	}

}
