package io.tcpgateway.server;

import java.time.Duration;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ServerControls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the gateway when the application stops, in Spring Boot's graceful shutdown
 * phase: readiness turns to refusing traffic, the listener stops accepting, every
 * connection is answered and closed once it has gone quiet, and whatever is still open
 * when the grace period ends is closed.
 *
 * <p>
 * "Quiet" means no read in progress, no reply waiting to be written, and nothing received
 * for a short settling time since the drain began: requests that were already in a
 * socket's buffer when the drain began are read, answered and flushed before the
 * connection closes.
 */
final class GracefulDrain implements SmartLifecycle {

	/**
	 * Boot's graceful shutdown phase: after the web server, before the channel adapters
	 * stop.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Log logger = LogFactory.getLog(GracefulDrain.class);

	/**
	 * Quiet for this long, a connection has nothing more on its way (a load balancer in
	 * between adds delay).
	 */
	private static final long SETTLE_NANOS = Duration.ofSeconds(1).toNanos();

	private static final long POLL_MILLIS = 20;

	private final ServerControls server;

	private final ConnectionRegistry connections;

	private final Duration gracePeriod;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	GracefulDrain(ServerControls server, ConnectionRegistry connections, Duration gracePeriod,
			ApplicationEventPublisher publisher) {
		this.server = server;
		this.connections = connections;
		this.gracePeriod = gracePeriod;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		this.server.stopAccepting();
		this.connections.startDraining();
		int atStart = this.connections.size();
		long start = System.nanoTime();
		long deadline = start + this.gracePeriod.toNanos();
		logger.info("Draining " + atStart + " connection(s), for at most " + this.gracePeriod);
		while (this.connections.size() > 0 && System.nanoTime() - deadline < 0) {
			closeQuietConnections(start);
			sleep();
		}
		int left = this.connections.size();
		for (Connection connection : this.connections.live()) {
			connection.close(CloseReason.SHUTDOWN, CloseMode.NOW);
		}
		if (left > 0) {
			logger.warn("Grace period (" + this.gracePeriod + ", tcp-gateway.shutdown.grace-period) ended: closed "
					+ left + " connection(s) that were still busy");
		}
		else {
			logger.info("Drained " + atStart + " connection(s) in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
		}
	}

	private void closeQuietConnections(long drainStart) {
		long now = System.nanoTime();
		for (Connection connection : this.connections.live()) {
			long received = connection.lastReceivedNanos();
			long lastActivity = (received - drainStart > 0) ? received : drainStart;
			if (!connection.isBusy() && connection.pendingBytes() == 0 && now - lastActivity >= SETTLE_NANOS) {
				connection.close(CloseReason.SHUTDOWN, CloseMode.NOW);
			}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
