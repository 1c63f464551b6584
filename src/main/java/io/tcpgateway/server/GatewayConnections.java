package io.tcpgateway.server;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The live connections of the gateway: admits new ones within the connection limits and keeps them
 * for the idle sweeper, the shutdown drain and the health check.
 */
public final class GatewayConnections {

	private static final Log logger = LogFactory.getLog(GatewayConnections.class);

	private final Map<String, GatewayConnection> live = new ConcurrentHashMap<>();

	private final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

	private final AtomicInteger admitted = new AtomicInteger();

	private final int maxConnections;

	private final Integer maxConnectionsPerClient;

	private final ConnectionMetrics metrics;

	private final RateLimitedLog rejections = new RateLimitedLog(logger);

	private volatile boolean draining;

	GatewayConnections(int maxConnections, Integer maxConnectionsPerClient, ConnectionMetrics metrics) {
		this.maxConnections = maxConnections;
		this.maxConnectionsPerClient = maxConnectionsPerClient;
		this.metrics = metrics;
	}

	/**
	 * Take a slot for a new connection.
	 * @return {@code true} when admitted; the slot must then be given back, with {@link #release} once the
	 * connection is registered, with {@link #unadmit} before
	 */
	boolean admit() {
		if (this.admitted.incrementAndGet() > this.maxConnections) {
			this.admitted.decrementAndGet();
			reject("tcp-gateway.max-connections (" + this.maxConnections + ") reached");
			return false;
		}
		return true;
	}

	void unadmit() {
		this.admitted.decrementAndGet();
	}

	/**
	 * Count a connection against its client's own limit.
	 * @return {@code true} when within it; the count is given back by {@link #release} with this client
	 */
	boolean admitClient(InetAddress client) {
		if (this.maxConnectionsPerClient == null) {
			return true;
		}
		int fromClient = this.perClient.computeIfAbsent(client, key -> new AtomicInteger()).incrementAndGet();
		if (fromClient > this.maxConnectionsPerClient) {
			decrementClient(client);
			reject("tcp-gateway.max-connections-per-client (" + this.maxConnectionsPerClient + ") reached by "
					+ client.getHostAddress());
			return false;
		}
		return true;
	}

	void register(GatewayConnection connection) {
		this.live.put(connection.getConnectionId(), connection);
		this.metrics.opened();
		if (logger.isDebugEnabled()) {
			logger.debug("Opened connection from " + connection.remoteAddress() + "; id " + connection.getConnectionId());
		}
	}

	/**
	 * Give back an admitted connection's slot, once, when it closes.
	 * @param countedClient the client it was counted against, or {@code null}
	 */
	void release(GatewayConnection connection, CloseReason reason, InetAddress countedClient) {
		if (this.live.remove(connection.getConnectionId()) == null) {
			return;
		}
		this.admitted.decrementAndGet();
		if (this.maxConnectionsPerClient != null && countedClient != null) {
			decrementClient(countedClient);
		}
		CloseReason counted = (reason != null) ? reason : (this.draining ? CloseReason.SHUTDOWN : CloseReason.ERROR);
		this.metrics.closed(counted);
		if (logger.isDebugEnabled()) {
			ConnectionStats stats = connection.stats();
			logger.debug("Closed connection from " + connection.remoteAddress() + " (" + counted.tagValue() + ") after "
					+ Duration.between(stats.openedAt(), Instant.now()).toMillis() + " ms, " + stats.messagesIn()
					+ " messages in, " + stats.messagesOut() + " out; id " + connection.getConnectionId());
		}
	}

	/**
	 * @return the live connections, a weakly consistent view
	 */
	Collection<GatewayConnection> live() {
		return this.live.values();
	}

	/**
	 * @return the live connections, for operators; a weakly consistent view
	 */
	public Collection<? extends ConnectionHandle> handles() {
		return this.live.values();
	}

	/**
	 * @return the live connection with this id, or {@code null}
	 */
	public ConnectionHandle find(String connectionId) {
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
		for (GatewayConnection connection : this.live.values()) {
			pending += connection.pendingBytes();
		}
		return pending;
	}

	void startDraining() {
		this.draining = true;
	}

	/**
	 * @return {@code true} once the shutdown drain has begun
	 */
	public boolean isDraining() {
		return this.draining;
	}

	ConnectionMetrics metrics() {
		return this.metrics;
	}

	private void reject(String why) {
		this.metrics.rejected(CloseReason.LIMIT);
		this.rejections.warn(count -> "Refused " + count + " connection(s): " + why);
	}

	private void decrementClient(InetAddress client) {
		this.perClient.computeIfPresent(client, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

}
