package io.tcpgateway.forward.tcp;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the upstream client before the gateway takes clients and stops it after the
 * gateway's listener and graceful drain have stopped, so that clients being drained keep
 * their upstream.
 */
final class ForwardTcpLifecycle implements SmartLifecycle {

	/**
	 * Below the phase of Spring Integration's endpoints (0), which start the gateway's
	 * listener, and of the drain: started before them, stopped after them.
	 */
	static final int PHASE = -1024;

	private final UpstreamClient upstream;

	private final SharedUpstreamPool pool;

	private volatile boolean running;

	/**
	 * @param pool the shared pool, or {@code null} in per-connection mode
	 */
	ForwardTcpLifecycle(UpstreamClient upstream, SharedUpstreamPool pool) {
		this.upstream = upstream;
		this.pool = pool;
	}

	@Override
	public void start() {
		this.upstream.start();
		if (this.pool != null) {
			this.pool.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.pool != null) {
			this.pool.stop();
		}
		this.upstream.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
