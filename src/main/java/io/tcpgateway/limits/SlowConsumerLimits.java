package io.tcpgateway.limits;

/**
 * How many reply bytes may wait for a client that does not read, and what happens past
 * that.
 *
 * @param maxPendingBytes reply bytes that may wait before the policy applies
 * @param policy stop reading the client (backpressure) or close it
 * @param readBufferSize bytes one read may take from a socket, which its replies may add
 * at once
 */
public record SlowConsumerLimits(long maxPendingBytes, SlowConsumerPolicy policy, int readBufferSize) {

	/**
	 * @return whether reading pauses while replies wait
	 */
	public boolean pausesReading() {
		return this.policy == SlowConsumerPolicy.BACKPRESSURE;
	}

	/**
	 * Reply bytes past which the connection is closed. Under backpressure that is well
	 * past the limit: replies pushed from elsewhere than the connection's own requests
	 * are not slowed down by not reading.
	 */
	public long closeAbove() {
		return pausesReading() ? 2 * this.maxPendingBytes + this.readBufferSize : this.maxPendingBytes;
	}

	/**
	 * @return a new pause rule for one connection's waiting reply bytes
	 */
	public PauseRule newPauseRule() {
		return new PauseRule(this.maxPendingBytes);
	}

}
