package io.tcpgateway.forward.tcp;

/**
 * The upstream could not be reached, or a request to it failed.
 */
class UpstreamUnavailableException extends RuntimeException {

	UpstreamUnavailableException(String message) {
		super(message, null, false, false);
	}

}
