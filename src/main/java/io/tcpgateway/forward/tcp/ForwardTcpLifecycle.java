package io.tcpgateway.forward.tcp;

import org.springframework.context.SmartLifecycle;

/**
 * Resolves the upstreams and starts the upstream client and its health checks before the
 * gateway takes clients, and stops them after the gateway's listener and graceful drain
 * have stopped, so that clients being drained keep their upstream.
 */
final class ForwardTcpLifecycle implements SmartLifecycle {

	/**
	 * Below the phase of the inbound adapter ({@code Integer.MAX_VALUE / 2}), which
	 * starts the gateway's listener, and of the drain: started before them, stopped after
	 * them.
	 */
	static final int PHASE = -1024;

	private final UpstreamClient upstream;

	private final SharedUpstreamPool pool;

	private final UpstreamHealthChecker checker;

	private volatile boolean running;

	/**
	 * @param pool the shared pool, or {@code null} in per-connection mode
	 */
	ForwardTcpLifecycle(UpstreamClient upstream, SharedUpstreamPool pool, UpstreamHealthChecker checker) {
		this.upstream = upstream;
		this.pool = pool;
		this.checker = checker;
	}

	@Override
	public void start() {
		this.upstream.upstreams().resolve();
		this.upstream.start();
		this.checker.start();
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
		this.checker.stop();
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
