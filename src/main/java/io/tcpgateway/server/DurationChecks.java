package io.tcpgateway.server;

import java.time.Duration;

import org.springframework.validation.Errors;

/**
 * The duration checks every room's properties validator makes, with one wording, so that
 * a bad value fails startup naming its property the same way wherever it is bound.
 */
public final class DurationChecks {

	private DurationChecks() {
	}

	/** Reject a missing, zero or negative duration. */
	public static void positive(Errors errors, String field, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			errors.rejectValue(field, "positive", "must be positive");
		}
	}

	/** Reject a missing or negative duration; zero (usually: off) is allowed. */
	public static void notNegative(Errors errors, String field, Duration duration) {
		if (duration == null || duration.isNegative()) {
			errors.rejectValue(field, "notNegative", "must be 0 or more");
		}
	}

}
