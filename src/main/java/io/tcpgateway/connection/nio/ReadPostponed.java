package io.tcpgateway.connection.nio;

import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown to Spring Integration's selector loop to have it retry a read after its read
 * delay: the loop takes a rejected read task for "no thread free now" and delays the
 * read.
 */
final class ReadPostponed extends RejectedExecutionException {

	/** One shared signal: nothing about it differs from one connection to the next. */
	static final ReadPostponed INSTANCE = new ReadPostponed();

	private ReadPostponed() {
		super("read postponed");
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		// a signal, not an error: no stack trace to fill
		return this;
	}

}
