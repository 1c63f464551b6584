package io.tcpgateway.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.LogSafe;
import io.tcpgateway.logging.WireLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes connections that have gone quiet for the idle timeout, whose replies have made
 * no progress for the write timeout, or whose frame has stayed incomplete for the frame
 * timeout (a client sending a byte now and then to hold a connection open); and, while
 * the gateway holds its whole budget of incomplete frames, those that stay stuck holding
 * the largest ones. It runs on one thread of its own, and also has the connection factory
 * drop closed connections from its books.
 *
 * <p>
 * Spring Integration's {@code soTimeout} cannot do any of this: it also closes a
 * connection that is busy receiving a long reply, and a blocked write has no timeout at
 * all.
 */
public final class ConnectionSweeper implements SmartLifecycle, AutoCloseable {

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

	private final long frameTimeoutNanos;

	/** Closes the connections holding the largest incomplete frames when stuck. */
	private final InboundMemoryRelief memoryRelief;

	/** Written to quiet NIO connections, or {@code null} when off. */
	private final Heartbeat heartbeat;

	private final ServerControls server;

	/** Further checks of each connection, from other packages. */
	private final List<ConnectionCheck> checks = new CopyOnWriteArrayList<>();

	private final RateLimitedLog frameTimeoutWarnings = new RateLimitedLog(logger);

	/**
	 * When the factory next drops closed connections from its books; only the sweeper's
	 * thread touches this.
	 */
	private long nextHarvestNanos = System.nanoTime();

	/** How often the sweeper looks at every connection. */
	private final long periodMillis;

	/** The sweeper's thread while started, else {@code null}; guarded by this. */
	private ScheduledExecutorService scheduler;

	/** Logs the event loops that stall, and when they run again. */
	private final StalledLoopReport stalledLoops;

	private final WireLog wireLog;

	/**
	 * @param heartbeat written to quiet connections, or {@code null} when off
	 * @param wireLog refreshed on each sweep, so a new level takes effect
	 * @param loopStallTimeout how long one pass of an event loop may take before it is
	 * reported stalled
	 */
	public ConnectionSweeper(ConnectionRegistry registry, ConnectionTimeouts timeouts, MemoryBudget inboundBudget,
			Heartbeat heartbeat, ServerControls server, WireLog wireLog, Duration loopStallTimeout) {
		this.registry = registry;
		this.stalledLoops = new StalledLoopReport(server, loopStallTimeout);
		this.wireLog = wireLog;
		this.heartbeat = heartbeat;
		this.server = server;
		this.idleTimeoutNanos = timeouts.idle().toNanos();
		this.writeTimeoutNanos = timeouts.write().toNanos();
		this.handshakeTimeoutNanos = timeouts.handshake().toNanos();
		this.proxyHeaderTimeoutNanos = timeouts.proxyHeader().toNanos();
		this.frameTimeoutNanos = timeouts.frame().toNanos();
		this.memoryRelief = new InboundMemoryRelief(registry, inboundBudget);
		Duration heartbeatInterval = (heartbeat != null) ? heartbeat.interval() : Duration.ZERO;
		this.periodMillis = sweepPeriod(timeouts.idle(), timeouts.write(), timeouts.reply(), heartbeatInterval)
			.toMillis();
	}

	/** Start sweeping, on a thread of its own. */
	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			this.scheduler = Executors
				.newSingleThreadScheduledExecutor(GatewayThreadFactory.platform("tcp-gateway-sweeper-", true));
			this.scheduler.scheduleWithFixedDelay(this::sweep, this.periodMillis, this.periodMillis,
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * First started, last stopped: the timeouts hold from before the server listens until
	 * after it has drained.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	/**
	 * Often enough to act within a tenth of the shortest interval (0 for one that is
	 * off), late by at most a second.
	 */
	static Duration sweepPeriod(Duration... intervals) {
		Duration shortest = Duration.ofSeconds(10);
		for (Duration interval : intervals) {
			if (!interval.isZero() && interval.compareTo(shortest) < 0) {
				shortest = interval;
			}
		}
		Duration period = shortest.dividedBy(10);
		if (period.compareTo(Duration.ofMillis(20)) < 0) {
			return Duration.ofMillis(20);
		}
		return (period.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : period;
	}

	void sweep() {
		try {
			// first: what follows may wait for a lock a stuck loop holds
			this.stalledLoops.report();
			this.wireLog.refresh();
			long now = System.nanoTime();
			for (Connection connection : this.registry.live()) {
				long handshakeStarted = connection.handshakeStartedNanos();
				long proxyHeaderAwaited = connection.proxyHeaderPendingSince();
				if (proxyHeaderAwaited != 0 && now - proxyHeaderAwaited > this.proxyHeaderTimeoutNanos) {
					connection.session()
						.errors()
						.closing("proxy-timeout", connection,
								"no PROXY protocol header within "
										+ Duration.ofNanos(this.proxyHeaderTimeoutNanos).toMillis()
										+ " ms (tcp-gateway.proxy-protocol.header-timeout)");
					connection.close(CloseReason.PROXY, CloseMode.NOW);
				}
				else if (handshakeStarted != 0 && now - handshakeStarted > this.handshakeTimeoutNanos) {
					connection.session()
						.errors()
						.closing("handshake-timeout", connection,
								"TLS handshake not complete after "
										+ Duration.ofNanos(this.handshakeTimeoutNanos).toMillis()
										+ " ms (tcp-gateway.ssl.handshake-timeout)");
					connection.close(CloseReason.TLS, CloseMode.NOW);
				}
				else if (connection.writeStalledNanos(now) > this.writeTimeoutNanos) {
					long pending = connection.pendingBytes();
					connection.session()
						.errors()
						.closing("write-timeout", connection,
								"replies made no progress for " + Duration.ofNanos(this.writeTimeoutNanos).toMillis()
										+ " ms (tcp-gateway.outbound.write-timeout)"
										+ ((pending > 0) ? ", " + pending + " bytes waiting" : ""));
					connection.close(CloseReason.SLOW_CONSUMER, CloseMode.NOW);
				}
				else if (frameTimedOut(connection, now)) {
					IncompleteFrame frame = connection.session().incompleteFrame();
					this.frameTimeoutWarnings.warn((count) -> "Closed " + count + " connection(s) whose frame stayed"
							+ " incomplete for " + Duration.ofNanos(this.frameTimeoutNanos).toMillis()
							+ " ms (tcp-gateway.frame-timeout), the last from "
							+ LogSafe.escape(connection.remoteAddress()) + " holding " + frame.heldBytes() + " bytes");
					connection.close(CloseReason.FRAME_TIMEOUT, CloseMode.NOW);
				}
				else if (isIdle(connection, now)) {
					logger.debug("Closing idle connection " + connection.getConnectionId() + " from "
							+ LogSafe.escape(connection.remoteAddress()));
					connection.close(CloseReason.IDLE, CloseMode.NOW);
				}
				else {
					if (this.heartbeat != null) {
						connection.heartbeatIfDue(this.heartbeat, now);
					}
					for (ConnectionCheck check : this.checks) {
						check.check(connection, now);
					}
				}
			}
			this.memoryRelief.sweep(now);
			if (now - this.nextHarvestNanos >= 0) {
				// at most once a second: the walk visits every connection, and sweeps may
				// be 20 ms apart
				this.nextHarvestNanos = now + HARVEST_INTERVAL_NANOS;
				this.server.harvestClosedConnectionsNow();
				this.registry.forgetRestedClients();
			}
		}
		catch (Throwable ex) {
			if (FatalErrors.isFatal(ex)) {
				// the scheduler would keep it to itself: the thread's handler ends the
				// application
				Thread sweeper = Thread.currentThread();
				sweeper.getUncaughtExceptionHandler().uncaughtException(sweeper, ex);
				throw ex;
			}
			// an error too: a scheduled task that throws is never run again, and no
			// timeout or memory bound would be enforced from then on
			logger.error("Connection sweep failed", ex);
		}
	}

	/** Make this check of every live connection on each sweep. */
	public void addCheck(ConnectionCheck check) {
		this.checks.add(check);
	}

	private boolean frameTimedOut(Connection connection, long now) {
		long since = connection.session().incompleteFrame().sinceNanos();
		return this.frameTimeoutNanos > 0 && since != 0 && now - since > this.frameTimeoutNanos;
	}

	private boolean isIdle(Connection connection, long now) {
		return this.idleTimeoutNanos > 0 && now - connection.lastReceivedNanos() > this.idleTimeoutNanos
				&& connection.pendingBytes() == 0 && !connection.isBusy();
	}

	@Override
	public void close() {
		stop();
	}

}
