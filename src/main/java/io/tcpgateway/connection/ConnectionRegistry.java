package io.tcpgateway.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.limits.ConnectionLimits;
import io.tcpgateway.limits.ConnectionRateLimiter;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.logging.AccessLogEntry;
import io.tcpgateway.logging.LogSafe;
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

	/** The live connections by the application's keys bound to them. */
	private final Map<String, Set<Connection>> byKey = new ConcurrentHashMap<>();

	/** Told of connections opening and closing; set once at startup. */
	private volatile ConnectionObserver observer = ConnectionObserver.NONE;

	private final ConnectionLimits limits;

	private final ConnectionRateLimiter rateLimiter;

	private final ConnectionMetrics metrics;

	private final ClientErrors clientErrors;

	private final AccessLog accessLog;

	private final ConnectionObservations observations;

	private final RateLimitedLog rejections = new RateLimitedLog(logger);

	private final RateLimitedLog clientRejections = new RateLimitedLog(logger);

	private final RateLimitedLog rateRejections = new RateLimitedLog(logger);

	private volatile boolean draining;

	public ConnectionRegistry(ConnectionLimits limits, ConnectionRateLimiter rateLimiter, ConnectionMetrics metrics,
			AccessLog accessLog) {
		this(limits, rateLimiter, metrics, accessLog, ConnectionObservations.NONE);
	}

	/**
	 * @param observations observes each connection, open to close
	 */
	public ConnectionRegistry(ConnectionLimits limits, ConnectionRateLimiter rateLimiter, ConnectionMetrics metrics,
			AccessLog accessLog, ConnectionObservations observations) {
		this.limits = limits;
		this.rateLimiter = rateLimiter;
		this.metrics = metrics;
		this.clientErrors = new ClientErrors(metrics);
		this.accessLog = accessLog;
		this.observations = observations;
	}

	/**
	 * Take a slot for a new connection.
	 * @return {@code true} when admitted; the slot must then be given back, with
	 * {@link #release} once the connection is registered, with {@link #unadmit} before
	 */
	boolean admit() {
		if (!this.limits.admit()) {
			reject(this.rejections, this.limits.totalLimitReached());
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
			reject(this.clientRejections, this.limits.clientLimitReached(client));
			return CloseReason.LIMIT;
		}
		return null;
	}

	void register(Connection connection) {
		connection.session().observed(this.observations.opened(connection));
		this.live.put(connection.getConnectionId(), connection);
		this.metrics.opened();
		this.observer.opened(connection);
		if (logger.isDebugEnabled()) {
			logger.debug("Opened connection from " + LogSafe.escape(connection.remoteAddress()) + "; id "
					+ connection.getConnectionId());
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
		Set<String> keys = connection.session().keys().snapshot();
		for (String key : keys) {
			unindex(key, connection);
		}
		this.observer.closed(connection, keys);
		CloseReason counted = (reason != null) ? reason : (this.draining ? CloseReason.SHUTDOWN : CloseReason.ERROR);
		this.metrics.closed(counted);
		Observation observation = connection.session().observation();
		ConnectionObservations.closed(observation, counted);
		if (this.accessLog.isEnabled()) {
			this.accessLog.closed(accessLogEntry(connection, counted, observation));
		}
		if (logger.isDebugEnabled()) {
			ConnectionStats stats = connection.stats();
			logger.debug("Closed connection from " + LogSafe.escape(connection.remoteAddress()) + " ("
					+ counted.tagValue() + ") after " + Duration.between(stats.openedAt(), Instant.now()).toMillis()
					+ " ms, " + stats.messagesIn() + " messages in, " + stats.messagesOut() + " out; id "
					+ connection.getConnectionId());
		}
	}

	private static AccessLogEntry accessLogEntry(Connection connection, CloseReason reason, Observation observation) {
		ConnectionStats stats = connection.stats();
		ConnectionSession session = connection.session();
		return new AccessLogEntry(connection.getConnectionId(), session.client(), session.localPort(), stats.openedAt(),
				Duration.between(stats.openedAt(), Instant.now()), stats.bytesIn(), stats.bytesOut(),
				stats.messagesIn(), stats.messagesOut(), reason.tagValue(), observation);
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
	 * Push a message to a live connection, framed like a reply, through its outbound
	 * channel: the one way the endpoint and the cluster send to a connection of this
	 * gateway.
	 * @return {@code false} when no open connection has the id
	 */
	public boolean push(String connectionId, byte[] payload) {
		return push(find(connectionId), payload);
	}

	/**
	 * Push a message to a connection found already, such as one bound to a key.
	 * @param connection the connection, or {@code null} for none
	 * @return {@code false} when there is none, or it is closed
	 */
	public boolean push(Connection connection, byte[] payload) {
		TcpConnectionContext context = (connection != null) ? connection.context() : null;
		return context != null && context.send(payload);
	}

	/**
	 * Bind one of the application's keys to a live connection; released when it closes.
	 * @return {@code false} when the connection is closed
	 * @throws IllegalArgumentException when the key is not valid or the connection
	 * carries too many
	 */
	public boolean bind(Connection connection, String key) {
		boolean added = connection.session().keys().add(key);
		this.byKey.compute(key, (k, connections) -> {
			Set<Connection> bound = (connections != null) ? connections : ConcurrentHashMap.newKeySet();
			bound.add(connection);
			return bound;
		});
		// a close racing with the bind has read the keys before this one was added
		if (this.live.get(connection.getConnectionId()) != connection) {
			unindex(key, connection);
			return false;
		}
		if (added) {
			this.observer.bound(connection, key);
		}
		return true;
	}

	/**
	 * @return the live connections bound to the key, a weakly consistent view
	 */
	public Collection<Connection> findByKey(String key) {
		Set<Connection> bound = this.byKey.get(key);
		return (bound != null) ? bound : Set.of();
	}

	/** Set what is told of connections opening and closing. */
	public void observe(ConnectionObserver observer) {
		this.observer = observer;
	}

	/** A connection's PROXY header named its client. */
	void clientKnown(String connectionId) {
		Connection connection = this.live.get(connectionId);
		if (connection != null) {
			ConnectionObservations.clientKnown(connection.session().observation(), connection);
			this.observer.clientKnown(connection);
		}
	}

	private void unindex(String key, Connection connection) {
		this.byKey.computeIfPresent(key, (k, connections) -> {
			connections.remove(connection);
			return connections.isEmpty() ? null : connections;
		});
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

	private void reject(RateLimitedLog log, String why) {
		this.metrics.rejected(CloseReason.LIMIT);
		log.warn(count -> "Refused " + count + " connection(s): " + why);
	}

}
