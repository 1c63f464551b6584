package io.tcpgateway.forward.tcp;

/**
 * The upstream could not be reached, or a request to it failed.
 */
class UpstreamUnavailableException extends RuntimeException {

	UpstreamUnavailableException(String message) {
		super(message, null, false, false);
	}

	/**
	 * @return why a connection or check failed: the innermost cause's message, else its
	 * class's simple name
	 */
	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
