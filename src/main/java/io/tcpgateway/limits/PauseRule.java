package io.tcpgateway.limits;

/**
 * When to stop reading a connection and when to start again: pause once a count reaches
 * its limit, resume once it has fallen below half of it. The gap keeps a connection near
 * its limit from flapping between paused and reading on every request. Used by one thread
 * at a time.
 */
public final class PauseRule {

	private final long limit;

	private boolean paused;

	public PauseRule(long limit) {
		this.limit = limit;
	}

	/**
	 * @param current the count now (requests in flight, reply bytes waiting)
	 * @return whether reading should stay paused
	 */
	public boolean shouldPause(long current) {
		this.paused = this.paused ? current > this.limit / 2 : current >= this.limit;
		return this.paused;
	}

}
