package io.tcpgateway.flow;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A request's failure that whoever raised it has already logged, rate-limited: the
 * on-error policy applies to it as to any failure, without one more log line per request
 * (a backend that is down would otherwise log once for every frame).
 */
public class ReportedFailure extends RuntimeException {

	public ReportedFailure(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * @return whether the failure, or one of its causes, is a reported failure
	 */
	static boolean isReported(Throwable failure) {
		// each cause once: initCause lets two exceptions be each other's cause, and this
		// runs on the thread that served the request, an event loop among them
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof ReportedFailure) {
				return true;
			}
		}
		return false;
	}

}
