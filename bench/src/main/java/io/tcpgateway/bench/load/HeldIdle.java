package io.tcpgateway.bench.load;

/**
 * The idle connections an echo run holds besides its active ones ({@code --idle-extra}).
 *
 * @param requested connections asked for
 * @param connected connections that were established
 * @param connectFailures connection attempts that failed
 * @param verifiedBefore connections whose echo was verified before the run
 * @param verifiedAfter connections whose echo was verified again after it
 * @param errors failed idle connections, of any {@link ErrorKind}
 */
record HeldIdle(int requested, int connected, int connectFailures, long verifiedBefore, long verifiedAfter,
		long errors) {

	static final HeldIdle NONE = new HeldIdle(0, 0, 0, 0, 0, 0);

	boolean clean() {
		return this.verifiedBefore == this.requested && this.verifiedAfter == this.requested && this.errors == 0
				&& this.connectFailures == 0;
	}

}
