package io.tcpgateway.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The outcome of a closed-loop echo run.
 *
 * @param connected connections that were established
 * @param connectFailures connection attempts that failed
 * @param seconds length of the measured window
 * @param messages verified replies received in the measured window
 * @param latency round-trip times of those replies, in microseconds
 * @param errors failed connections by {@link ErrorKind}, over warmup and measurement
 * @param stalled connections left waiting over a second for a reply when the run ended
 * @param heldIdle the idle connections held during the run, if any
 */
record EchoResult(LoadOptions options, int connected, int connectFailures, double seconds, long messages,
		Histogram latency, long[] errors, int stalled, HeldIdle heldIdle) {

	EchoResult withHeldIdle(HeldIdle held) {
		return new EchoResult(this.options, this.connected, this.connectFailures, this.seconds, this.messages,
				this.latency, this.errors, this.stalled, held);
	}

	double messagesPerSecond() {
		return this.messages / this.seconds;
	}

	/** Payload megabytes (10^6) echoed per second, counted in one direction. */
	double megabytesPerSecond() {
		return messagesPerSecond() * this.options.size / 1e6;
	}

	long errorCount() {
		return Clients.total(this.errors);
	}

	boolean clean() {
		return this.messages > 0 && errorCount() == 0 && this.connectFailures == 0 && this.stalled == 0
				&& (this.heldIdle.requested() == 0 || this.heldIdle.clean());
	}

}
