package io.tcpgateway.flow;

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
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ReportedFailure) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

}
