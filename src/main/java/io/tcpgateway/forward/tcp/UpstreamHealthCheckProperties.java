package io.tcpgateway.forward.tcp;

import java.time.Duration;

import io.tcpgateway.server.DurationChecks;

import org.springframework.validation.Errors;

/**
 * Active health checks, under {@code tcp-gateway.forward.tcp.health-check.*}: a
 * connection to each upstream, and optionally a request and the start of its reply.
 */
public class UpstreamHealthCheckProperties {

	/** Time between two checks of an upstream; 0 turns active checks off. */
	private Duration interval = Duration.ofSeconds(5);

	/** How long one check (connect, send and reply) may take. */
	private Duration timeout = Duration.ofSeconds(2);

	/** Successful checks in a row that bring a down upstream up. */
	private int rise = 2;

	/**
	 * Failed checks (or client connection attempts) in a row that take an upstream down.
	 */
	private int fall = 3;

	/**
	 * Text a check sends once connected, framed in the upstream's framing; none for a
	 * connect-only check.
	 */
	private String send;

	/** Text the upstream's first reply to a check must start with. */
	private String expect;

	void validate(Errors errors) {
		if (this.interval == null || this.interval.isNegative()) {
			errors.rejectValue("health-check.interval", "not-negative", "must be 0 (off) or more");
		}
		DurationChecks.positive(errors, "health-check.timeout", this.timeout);
		if (this.rise < 1) {
			errors.rejectValue("health-check.rise", "min", "must be at least 1");
		}
		if (this.fall < 1) {
			errors.rejectValue("health-check.fall", "min", "must be at least 1");
		}
		if (this.send != null && this.send.isEmpty()) {
			errors.rejectValue("health-check.send", "required", "must not be empty when set");
		}
		if (this.expect != null && this.expect.isEmpty()) {
			errors.rejectValue("health-check.expect", "required", "must not be empty when set");
		}
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getRise() {
		return this.rise;
	}

	public void setRise(int rise) {
		this.rise = rise;
	}

	public int getFall() {
		return this.fall;
	}

	public void setFall(int fall) {
		this.fall = fall;
	}

	public String getSend() {
		return this.send;
	}

	public void setSend(String send) {
		this.send = send;
	}

	public String getExpect() {
		return this.expect;
	}

	public void setExpect(String expect) {
		this.expect = expect;
	}

}
