package io.tcpgateway.bench.load;

/**
 * The outcome of an idle-connections run.
 *
 * @param connected connections that were established
 * @param connectFailures connection attempts that failed
 * @param connectSeconds time taken to open them
 * @param verifiedBefore connections whose echo was verified before the hold
 * @param verifiedAfter connections whose echo was verified again after the hold
 * @param errors failed connections by {@link ErrorKind}
 */
record IdleResult(LoadOptions options, int connected, int connectFailures, double connectSeconds, long verifiedBefore,
		long verifiedAfter, long[] errors) {

	long errorCount() {
		return Clients.total(this.errors);
	}

	boolean clean() {
		return this.verifiedBefore == this.options.idle && this.verifiedAfter == this.options.idle && errorCount() == 0
				&& this.connectFailures == 0;
	}

}
