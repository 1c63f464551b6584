package io.tcpgateway.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a churn run.
 *
 * @param seconds length of the measured window
 * @param connections connections opened, echoed on and closed in the measured window
 * @param latency time from opening to having closed each of them, in microseconds
 * @param connectFailures connection attempts refused, failed or timed out, over warmup
 * and measurement
 * @param errors connections that failed once open, by {@link ErrorKind}, over warmup and
 * measurement
 * @param stalled connections open over a second without their reply when the run ended
 */
record ChurnResult(LoadOptions options, double seconds, long connections, Histogram latency, long connectFailures,
		long[] errors, int stalled) {

	double connectionsPerSecond() {
		return this.connections / this.seconds;
	}

	long errorCount() {
		return Clients.total(this.errors);
	}

	boolean clean() {
		return this.connections > 0 && errorCount() == 0 && this.connectFailures == 0 && this.stalled == 0;
	}

}
