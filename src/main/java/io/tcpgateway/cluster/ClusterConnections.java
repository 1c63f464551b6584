package io.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.observation.Observation;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.TcpConnectionContext;

/**
 * The application's way to reach any client of the cluster, wherever it is connected:
 * push to a connection id or a key, close, broadcast, find. A connection of this gateway
 * is reached directly, even while Redis is away; another gateway's through its Redis
 * channel, at most once, and in order for the pushes of one thread of this gateway to one
 * connection.
 *
 * <p>
 * Each call may wait for Redis, up to {@code tcp-gateway.cluster.timeout}: call it from
 * the application's own threads (a blocking handler, a flow that may block, a scheduled
 * task), not from the gateway's I/O threads.
 */
public final class ClusterConnections {

	private final ConnectionRegistry registry;

	private final ClusterNode node;

	private final RedisLink link;

	private final ClusterDirectory directory;

	private final int maxPushBytes;

	private final ClusterObservations observations;

	ClusterConnections(ConnectionRegistry registry, ClusterNode node, RedisLink link, int maxPushBytes,
			ClusterObservations observations) {
		this.registry = registry;
		this.node = node;
		this.link = link;
		this.directory = new ClusterDirectory(link, node.layout());
		this.maxPushBytes = maxPushBytes;
		this.observations = observations;
	}

	/**
	 * @return this gateway's node id, or {@code null} until its listener is bound
	 */
	public String nodeId() {
		return this.node.nodeId();
	}

	/**
	 * Push a message to a connection, framed like a reply, on whichever gateway holds it.
	 * @param payload at most {@code tcp-gateway.max-message-size} bytes
	 */
	public ClusterResult send(String connectionId, byte[] payload) {
		checkSize(payload);
		Connection local = this.registry.find(connectionId);
		if (local != null) {
			return this.registry.push(local, payload) ? ClusterResult.sent(1, List.of(self()))
					: ClusterResult.notFound("connection " + connectionId);
		}
		return toHolder(connectionId, ClusterCommand.send(self(), connectionId, payload));
	}

	/** Push a text message, encoded as UTF-8. */
	public ClusterResult send(String connectionId, String text) {
		return send(connectionId, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Push a message to every connection of the cluster bound to the key.
	 * @param payload at most {@code tcp-gateway.max-message-size} bytes
	 */
	public ClusterResult sendToKey(String key, byte[] payload) {
		checkSize(payload);
		int local = 0;
		for (Connection connection : this.registry.findByKey(key)) {
			if (this.registry.push(connection, payload)) {
				local++;
			}
		}
		return toKeyHolders(key, local, ClusterCommand.sendToKey(self(), key, payload));
	}

	/** Push a text message, encoded as UTF-8, to every connection bound to the key. */
	public ClusterResult sendToKey(String key, String text) {
		return sendToKey(key, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Close a connection once the replies and pushes already sent to it are written,
	 * counted with reason {@code admin}.
	 */
	public ClusterResult close(String connectionId) {
		Connection local = this.registry.find(connectionId);
		if (local != null) {
			local.close(CloseReason.ADMIN, CloseMode.AFTER_FLUSH);
			return ClusterResult.sent(1, List.of(self()));
		}
		return toHolder(connectionId, ClusterCommand.close(self(), connectionId));
	}

	/** Close every connection of the cluster bound to the key. */
	public ClusterResult closeKey(String key) {
		Collection<Connection> bound = List.copyOf(this.registry.findByKey(key));
		for (Connection connection : bound) {
			connection.close(CloseReason.ADMIN, CloseMode.AFTER_FLUSH);
		}
		return toKeyHolders(key, bound.size(), ClusterCommand.closeKey(self(), key));
	}

	/**
	 * Push a message to every connection of every gateway of the cluster.
	 * @return how many local connections it was written to, and the other gateways it was
	 * published to
	 */
	public ClusterResult broadcast(byte[] payload) {
		checkSize(payload);
		int local = 0;
		for (Connection connection : this.registry.live()) {
			if (this.registry.push(connection, payload)) {
				local++;
			}
		}
		String self = self();
		ClusterCommand broadcast = ClusterCommand.broadcast(self, payload);
		Observation publishing = Observation.NOOP;
		try {
			List<String> nodes = this.directory.liveNodes();
			nodes.remove(self);
			publishing = publishing(broadcast, nodes.isEmpty());
			String command = ClusterObservations.encode(broadcast, publishing);
			RedisAsyncCommands<String, String> redis = this.link.async();
			List<RedisFuture<Long>> published = new ArrayList<>(nodes.size());
			for (String other : nodes) {
				published.add(redis.publish(this.node.layout().channel(other), command));
			}
			this.link.awaitAll(published);
			List<String> reached = new ArrayList<>(List.of(self));
			for (int i = 0; i < nodes.size(); i++) {
				if (this.link.await(published.get(i)) > 0) {
					reached.add(nodes.get(i));
				}
			}
			return ClusterResult.sent(local, reached);
		}
		catch (ClusterUnavailableException ex) {
			publishing.error(ex);
			return ClusterResult.unreachable(ex, local, self);
		}
		finally {
			publishing.stop();
		}
	}

	/**
	 * Bind a key to a connection of this gateway, for flows, which know the connection by
	 * its id; see {@link TcpConnectionContext#bind(String)}.
	 * @return {@code false} when this gateway holds no open connection with the id
	 */
	public boolean bind(String connectionId, String key) {
		Connection connection = this.registry.find(connectionId);
		TcpConnectionContext context = (connection != null) ? connection.context() : null;
		return context != null && context.bind(key);
	}

	/**
	 * @return the connection as the directory holds it, or {@code null} when no gateway
	 * does
	 * @throws ClusterUnavailableException when Redis is unreachable
	 */
	public ClusterEntry find(String connectionId) {
		return this.directory.find(connectionId);
	}

	/**
	 * @return the connections of the cluster bound to the key
	 * @throws ClusterUnavailableException when Redis is unreachable
	 */
	public List<ClusterEntry> findByKey(String key) {
		return this.directory.findByKey(key);
	}

	/**
	 * @param limit how many connections to list at most, oldest first
	 * @throws ClusterUnavailableException when Redis is unreachable
	 */
	public ClusterListing list(int limit) {
		return this.directory.list(limit);
	}

	private ClusterResult toHolder(String connectionId, ClusterCommand command) {
		Observation publishing = Observation.NOOP;
		try {
			String holder = this.directory.nodeOf(connectionId);
			if (holder == null || holder.equals(command.sender())) {
				return ClusterResult.notFound("connection " + connectionId);
			}
			publishing = this.observations.publishing(command);
			long receivers = this.link.await(this.link.async()
				.publish(this.node.layout().channel(holder), ClusterObservations.encode(command, publishing)));
			return (receivers > 0) ? ClusterResult.sent(1, List.of(holder)) : ClusterResult.notFound("connection "
					+ connectionId + " (its gateway " + holder + " is listed but does not listen: it has stopped)");
		}
		catch (ClusterUnavailableException ex) {
			publishing.error(ex);
			return ClusterResult.unreachable(ex, 0, command.sender());
		}
		finally {
			publishing.stop();
		}
	}

	private ClusterResult toKeyHolders(String key, int local, ClusterCommand command) {
		String self = command.sender();
		Observation publishing = Observation.NOOP;
		try {
			Map<String, Long> holders = this.directory.nodesHolding(key, self);
			publishing = publishing(command, holders.isEmpty());
			String encoded = ClusterObservations.encode(command, publishing);
			RedisAsyncCommands<String, String> redis = this.link.async();
			List<String> nodes = new ArrayList<>(holders.keySet());
			List<RedisFuture<Long>> published = new ArrayList<>(nodes.size());
			for (String holder : nodes) {
				published.add(redis.publish(this.node.layout().channel(holder), encoded));
			}
			this.link.awaitAll(published);
			List<String> reached = new ArrayList<>();
			if (local > 0) {
				reached.add(self);
			}
			long connections = local;
			for (int i = 0; i < nodes.size(); i++) {
				if (this.link.await(published.get(i)) > 0) {
					reached.add(nodes.get(i));
					connections += holders.get(nodes.get(i));
				}
			}
			return reached.isEmpty() ? ClusterResult.notFound("key " + key)
					: ClusterResult.sent((int) connections, reached);
		}
		catch (ClusterUnavailableException ex) {
			publishing.error(ex);
			return ClusterResult.unreachable(ex, local, self);
		}
		finally {
			publishing.stop();
		}
	}

	/**
	 * @param nobody whether no other gateway is to be published to: a publish span then
	 * would stand for nothing sent
	 */
	private Observation publishing(ClusterCommand command, boolean nobody) {
		return nobody ? Observation.NOOP : this.observations.publishing(command);
	}

	private String self() {
		String self = this.node.nodeId();
		if (self == null) {
			throw new ClusterUnavailableException("this gateway has not joined the cluster yet", null);
		}
		return self;
	}

	private void checkSize(byte[] payload) {
		if (payload.length > this.maxPushBytes) {
			throw new IllegalArgumentException("A push carries at most " + this.maxPushBytes
					+ " bytes (tcp-gateway.max-message-size), not " + payload.length);
		}
	}

}
