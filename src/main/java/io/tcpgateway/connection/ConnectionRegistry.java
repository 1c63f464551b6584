package io.tcpgateway.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tcpgateway.limits.ConnectionLimits;
import io.tcpgateway.limits.ConnectionRateLimiter;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.logging.AccessLogEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The live connections of the gateway, the only map from connection id to connection it
 * keeps: admits new ones within the connection limits, finds one by id for the flow and
 * operators, and hands them all to the sweeper, the shutdown drain and the health check.
 */
public final class ConnectionRegistry {

	private static final Log logger = LogFactory.getLog(ConnectionRegistry.class);

	private final Map<String, Connection> live = new ConcurrentHashMap<>();

	private final ConnectionLimits limits;

	private final ConnectionRateLimiter rateLimiter;

	private final ConnectionMetrics metrics;

	private final ClientErrors clientErrors;

	private final AccessLog accessLog;

	private final RateLimitedLog rejections = new RateLimitedLog(logger);

	private final RateLimitedLog rateRejections = new RateLimitedLog(logger);

	private volatile boolean draining;

	public ConnectionRegistry(ConnectionLimits limits, ConnectionRateLimiter rateLimiter, ConnectionMetrics metrics,
			AccessLog accessLog) {
		this.limits = limits;
		this.rateLimiter = rateLimiter;
		this.metrics = metrics;
		this.clientErrors = new ClientErrors(metrics);
		this.accessLog = accessLog;
	}

	/**
	 * Take a slot for a new connection.
	 * @return {@code true} when admitted; the slot must then be given back, with
	 * {@link #release} once the connection is registered, with {@link #unadmit} before
	 */
	boolean admit() {
		if (!this.limits.admit()) {
			reject(this.limits.totalLimitReached());
			return false;
		}
		return true;
	}

	void unadmit() {
		this.limits.release();
	}

	/**
	 * Count a connection against its client's connection rate and own limit.
	 * @return {@code null} when within both, the count then given back by
	 * {@link #release} with this client; else why it is refused
	 */
	CloseReason admitClient(InetAddress client) {
		if (!this.rateLimiter.tryAcquire(client)) {
			this.metrics.rejected(CloseReason.RATE);
			this.rateRejections.warn((count) -> "Refused " + count + " connection(s) over "
					+ this.rateLimiter.perSecond() + " a second from one client"
					+ " (tcp-gateway.rate-limit.connections-per-second), the last from " + client.getHostAddress());
			return CloseReason.RATE;
		}
		if (!this.limits.admitClient(client)) {
			reject(this.limits.clientLimitReached(client));
			return CloseReason.LIMIT;
		}
		return null;
	}

	void register(Connection connection) {
		this.live.put(connection.getConnectionId(), connection);
		this.metrics.opened();
		if (logger.isDebugEnabled()) {
			logger
				.debug("Opened connection from " + connection.remoteAddress() + "; id " + connection.getConnectionId());
		}
	}

	/**
	 * Give back an admitted connection's slot, once, when it closes.
	 * @param countedClient the client it was counted against, or {@code null}
	 */
	void release(Connection connection, CloseReason reason, InetAddress countedClient) {
		if (this.live.remove(connection.getConnectionId()) == null) {
			return;
		}
		this.limits.release();
		if (countedClient != null) {
			this.limits.releaseClient(countedClient);
		}
		CloseReason counted = (reason != null) ? reason : (this.draining ? CloseReason.SHUTDOWN : CloseReason.ERROR);
		this.metrics.closed(counted);
		if (this.accessLog.isEnabled()) {
			this.accessLog.closed(accessLogEntry(connection, counted));
		}
		if (logger.isDebugEnabled()) {
			ConnectionStats stats = connection.stats();
			logger.debug("Closed connection from " + connection.remoteAddress() + " (" + counted.tagValue() + ") after "
					+ Duration.between(stats.openedAt(), Instant.now()).toMillis() + " ms, " + stats.messagesIn()
					+ " messages in, " + stats.messagesOut() + " out; id " + connection.getConnectionId());
		}
	}

	private static AccessLogEntry accessLogEntry(Connection connection, CloseReason reason) {
		ConnectionStats stats = connection.stats();
		ConnectionSession session = connection.session();
		return new AccessLogEntry(connection.getConnectionId(), session.client(), session.localPort(), stats.openedAt(),
				Duration.between(stats.openedAt(), Instant.now()), stats.bytesIn(), stats.bytesOut(),
				stats.messagesIn(), stats.messagesOut(), reason.tagValue());
	}

	/**
	 * @return the live connections, a weakly consistent view
	 */
	public Collection<Connection> live() {
		return this.live.values();
	}

	/**
	 * @return the live connection with this id, or {@code null}
	 */
	public Connection find(String connectionId) {
		return this.live.get(connectionId);
	}

	/**
	 * @return the number of live connections
	 */
	public int size() {
		return this.live.size();
	}

	/**
	 * @return reply bytes waiting to be written, across connections
	 */
	public long pendingBytes() {
		long pending = 0;
		for (Connection connection : this.live.values()) {
			pending += connection.pendingBytes();
		}
		return pending;
	}

	public void startDraining() {
		this.draining = true;
	}

	/**
	 * @return {@code true} once the shutdown drain has begun
	 */
	public boolean isDraining() {
		return this.draining;
	}

	public ConnectionMetrics metrics() {
		return this.metrics;
	}

	/** Forget clients whose connection rate has rested; called by the sweeper. */
	void forgetRestedClients() {
		this.rateLimiter.forgetRested();
	}

	ClientErrors clientErrors() {
		return this.clientErrors;
	}

	private void reject(String why) {
		this.metrics.rejected(CloseReason.LIMIT);
		this.rejections.warn(count -> "Refused " + count + " connection(s): " + why);
	}

}
