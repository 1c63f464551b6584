package io.tcpgateway.bench.http;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a closed-loop HTTP run.
 *
 * @param options the options of the run
 * @param seconds length of the measured window
 * @param requests verified responses completed in the measured window
 * @param latency their round-trip times, in microseconds
 * @param statusErrors responses other than 200, over warmup and measurement
 * @param corruptErrors 200 responses whose body differed from the request's
 * @param ioErrors requests that failed with an I/O error
 * @param timeoutErrors requests without a response within {@code --timeout}
 */
record HttpLoadResult(HttpLoadOptions options, double seconds, long requests, Histogram latency, long statusErrors,
		long corruptErrors, long ioErrors, long timeoutErrors) {

	double requestsPerSecond() {
		return this.requests / this.seconds;
	}

	long errors() {
		return this.statusErrors + this.corruptErrors + this.ioErrors + this.timeoutErrors;
	}

	boolean clean() {
		return this.requests > 0 && errors() == 0;
	}

}
