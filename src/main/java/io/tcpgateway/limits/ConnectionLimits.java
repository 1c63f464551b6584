package io.tcpgateway.limits;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections served at once, in total and per client address, against their
 * limits.
 */
public final class ConnectionLimits {

	private final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

	private final AtomicInteger admitted = new AtomicInteger();

	private final int maxConnections;

	private final Integer maxConnectionsPerClient;

	/**
	 * @param maxConnectionsPerClient the limit per client address, or {@code null} for
	 * none
	 */
	public ConnectionLimits(int maxConnections, Integer maxConnectionsPerClient) {
		this.maxConnections = maxConnections;
		this.maxConnectionsPerClient = maxConnectionsPerClient;
	}

	/**
	 * Take a slot for a new connection.
	 * @return {@code true} when within the limit; the slot is then given back with
	 * {@link #release()}
	 */
	public boolean admit() {
		if (this.admitted.incrementAndGet() > this.maxConnections) {
			this.admitted.decrementAndGet();
			return false;
		}
		return true;
	}

	public void release() {
		this.admitted.decrementAndGet();
	}

	/**
	 * Count a connection against its client's own limit.
	 * @return {@code true} when within it; the count is then given back with
	 * {@link #releaseClient}
	 */
	public boolean admitClient(InetAddress client) {
		if (this.maxConnectionsPerClient == null) {
			return true;
		}
		int fromClient = this.perClient.computeIfAbsent(client, key -> new AtomicInteger()).incrementAndGet();
		if (fromClient > this.maxConnectionsPerClient) {
			releaseClient(client);
			return false;
		}
		return true;
	}

	public void releaseClient(InetAddress client) {
		if (this.maxConnectionsPerClient != null) {
			this.perClient.computeIfPresent(client, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
		}
	}

	/**
	 * @return why a connection was refused, naming the property, for the log
	 */
	public String totalLimitReached() {
		return "tcp-gateway.max-connections (" + this.maxConnections + ") reached";
	}

	/**
	 * @return why a client's connection was refused, naming the property, for the log
	 */
	public String clientLimitReached(InetAddress client) {
		return "tcp-gateway.max-connections-per-client (" + this.maxConnectionsPerClient + ") reached by "
				+ client.getHostAddress();
	}

}
