package io.tcpgateway.connection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Closes connections that have gone quiet for the idle timeout, and those whose replies
 * have made no progress for the write timeout, on one thread of its own; it also has the
 * connection factory drop closed connections from its books.
 *
 * <p>
 * Spring Integration's {@code soTimeout} cannot do either: it also closes a connection
 * that is busy receiving a long reply, and a blocked write has no timeout at all.
 */
public final class ConnectionSweeper implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConnectionSweeper.class);

	/**
	 * How often the factory drops closed connections from its books, a walk over every
	 * connection.
	 */
	private static final long HARVEST_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ConnectionRegistry registry;

	private final long idleTimeoutNanos;

	private final long writeTimeoutNanos;

	private final long handshakeTimeoutNanos;

	private final long proxyHeaderTimeoutNanos;

	private final ServerControls server;

	/**
	 * When the factory next drops closed connections from its books; only the sweeper's
	 * thread touches this.
	 */
	private long nextHarvestNanos = System.nanoTime();

	private final ScheduledExecutorService scheduler;

	public ConnectionSweeper(ConnectionRegistry registry, Duration idleTimeout, Duration writeTimeout,
			Duration handshakeTimeout, Duration proxyHeaderTimeout, ServerControls server) {
		this.registry = registry;
		this.server = server;
		this.idleTimeoutNanos = idleTimeout.toNanos();
		this.writeTimeoutNanos = writeTimeout.toNanos();
		this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
		this.proxyHeaderTimeoutNanos = proxyHeaderTimeout.toNanos();
		CustomizableThreadFactory threads = new CustomizableThreadFactory("tcp-gateway-sweeper-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		long period = sweepPeriod(idleTimeout, writeTimeout).toMillis();
		this.scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Often enough to close within a tenth of the shorter timeout, late by at most a
	 * second.
	 */
	static Duration sweepPeriod(Duration idleTimeout, Duration writeTimeout) {
		Duration shorter = (idleTimeout.isZero() || writeTimeout.compareTo(idleTimeout) < 0) ? writeTimeout
				: idleTimeout;
		Duration period = shorter.dividedBy(10);
		if (period.compareTo(Duration.ofMillis(20)) < 0) {
			return Duration.ofMillis(20);
		}
		return (period.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : period;
	}

	void sweep() {
		try {
			long now = System.nanoTime();
			for (Connection connection : this.registry.live()) {
				long handshakeStarted = connection.handshakeStartedNanos();
				long proxyHeaderAwaited = connection.proxyHeaderPendingSince();
				if (proxyHeaderAwaited != 0 && now - proxyHeaderAwaited > this.proxyHeaderTimeoutNanos) {
					logger.warn("Closing connection from " + connection.remoteAddress() + ": no PROXY protocol header"
							+ " within " + Duration.ofNanos(this.proxyHeaderTimeoutNanos).toMillis()
							+ " ms (tcp-gateway.proxy-protocol.header-timeout)");
					connection.closeFor(CloseReason.PROXY);
				}
				else if (handshakeStarted != 0 && now - handshakeStarted > this.handshakeTimeoutNanos) {
					logger.warn("Closing connection from " + connection.remoteAddress() + ": TLS handshake not complete"
							+ " after " + Duration.ofNanos(this.handshakeTimeoutNanos).toMillis()
							+ " ms (tcp-gateway.ssl.handshake-timeout)");
					connection.closeFor(CloseReason.TLS);
				}
				else if (connection.writeStalledNanos(now) > this.writeTimeoutNanos) {
					long pending = connection.pendingBytes();
					logger.warn("Closing connection from " + connection.remoteAddress()
							+ ": replies made no progress for " + Duration.ofNanos(this.writeTimeoutNanos).toMillis()
							+ " ms (tcp-gateway.outbound.write-timeout)"
							+ ((pending > 0) ? ", " + pending + " bytes waiting" : ""));
					connection.closeFor(CloseReason.SLOW_CONSUMER);
				}
				else if (isIdle(connection, now)) {
					logger.debug("Closing idle connection " + connection.getConnectionId() + " from "
							+ connection.remoteAddress());
					connection.closeFor(CloseReason.IDLE);
				}
			}
			if (now - this.nextHarvestNanos >= 0) {
				// at most once a second: the walk visits every connection, and sweeps may
				// be 20 ms apart
				this.nextHarvestNanos = now + HARVEST_INTERVAL_NANOS;
				this.server.harvestClosedConnectionsNow();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Connection sweep failed", ex);
		}
	}

	private boolean isIdle(Connection connection, long now) {
		return this.idleTimeoutNanos > 0 && now - connection.lastReceivedNanos() > this.idleTimeoutNanos
				&& connection.pendingBytes() == 0 && !connection.isBusy();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
