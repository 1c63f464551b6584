package io.tcpgateway.bench.load;

/**
 * Thrown when received bytes cannot be the echo of what was sent on that connection.
 */
class CorruptReplyException extends RuntimeException {

	CorruptReplyException(String message) {
		super(message);
	}

}
