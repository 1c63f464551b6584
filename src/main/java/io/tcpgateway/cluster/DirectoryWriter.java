package io.tcpgateway.cluster;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tcpgateway.connection.Connection;

/**
 * Writes this gateway's part of the directory: each batch of changes, the periodic
 * refresh that rewrites every live entry with a new TTL, and the removal of everything on
 * a graceful stop. Each is one pipeline of commands, then one wait for all of them; only
 * the cluster thread calls it.
 */
final class DirectoryWriter {

	/** Ids added to a set per command, in the refresh. */
	private static final int CHUNK = 500;

	private final RedisLink link;

	private final DirectoryLayout layout;

	private final long ttlMillis;

	DirectoryWriter(RedisLink link, DirectoryLayout layout, long ttlMillis) {
		this.link = link;
		this.layout = layout;
		this.ttlMillis = ttlMillis;
	}

	void write(String node, List<DirectoryChange> changes) {
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<?>> pending = new ArrayList<>(changes.size() * 3 + 1);
		Set<String> touchedKeys = new HashSet<>();
		boolean touchedNode = false;
		for (DirectoryChange change : changes) {
			if (change instanceof DirectoryChange.Opened opened) {
				touchedNode |= writeEntry(redis, pending, node, opened.connection(), true);
			}
			else if (change instanceof DirectoryChange.Bound bound) {
				Connection connection = bound.connection();
				if (isListed(connection)) {
					String key = this.layout.nodeKey(node, bound.key());
					pending.add(redis.sadd(key, connection.getConnectionId()));
					touchedKeys.add(key);
					pending.add(redis.hset(this.layout.connection(connection.getConnectionId()), "keys",
							String.join("\n", connection.session().keys().snapshot())));
				}
			}
			else if (change instanceof DirectoryChange.Closed closed) {
				pending.add(redis.del(this.layout.connection(closed.connectionId())));
				pending.add(redis.srem(this.layout.nodeConnections(node), closed.connectionId()));
				for (String key : closed.keys()) {
					pending.add(redis.srem(this.layout.nodeKey(node, key), closed.connectionId()));
				}
			}
		}
		if (touchedNode) {
			pending.add(redis.pexpire(this.layout.nodeConnections(node), this.ttlMillis));
		}
		for (String key : touchedKeys) {
			pending.add(redis.pexpire(key, this.ttlMillis));
		}
		this.link.awaitAll(pending);
	}

	/**
	 * Rewrite every entry of the node with a new TTL, and its sets whole: whatever a
	 * dropped change or a Redis outage left out is back, whatever they left behind is
	 * gone or expires.
	 */
	void refresh(String node, Collection<Connection> live) {
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<?>> pending = new ArrayList<>();
		long now = System.currentTimeMillis();
		pending.add(redis.zadd(this.layout.nodes(), now + this.ttlMillis, node));
		pending.add(redis.zremrangebyscore(this.layout.nodes(), Double.NEGATIVE_INFINITY, now - 1));
		List<String> ids = new ArrayList<>();
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		for (Connection connection : live) {
			if (writeEntry(redis, pending, node, connection, false)) {
				ids.add(connection.getConnectionId());
				for (String key : connection.session().keys().snapshot()) {
					byKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add(connection.getConnectionId());
				}
			}
		}
		replaceSet(redis, pending, this.layout.nextNodeConnections(node), this.layout.nodeConnections(node), ids);
		for (Map.Entry<String, List<String>> key : byKey.entrySet()) {
			replaceSet(redis, pending, this.layout.nextNodeKey(node, key.getKey()),
					this.layout.nodeKey(node, key.getKey()), key.getValue());
		}
		this.link.awaitAll(pending);
	}

	/** Remove the node and everything of its connections, on a graceful stop. */
	void removeAll(String node, Collection<Connection> live) {
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<?>> pending = new ArrayList<>();
		pending.add(redis.zrem(this.layout.nodes(), node));
		pending.add(redis.del(this.layout.nodeConnections(node)));
		Set<String> keys = new HashSet<>();
		for (Connection connection : live) {
			pending.add(redis.del(this.layout.connection(connection.getConnectionId())));
			keys.addAll(connection.session().keys().snapshot());
		}
		for (String key : keys) {
			pending.add(redis.del(this.layout.nodeKey(node, key)));
		}
		this.link.awaitAll(pending);
	}

	/**
	 * @return whether the connection's entry was written: not while it awaits its PROXY
	 * header (the header's arrival queues it again), nor once it has closed
	 * @param addToNodeSet whether to add it to the node's set, which the refresh rebuilds
	 * whole instead
	 */
	private boolean writeEntry(RedisAsyncCommands<String, String> redis, List<RedisFuture<?>> pending, String node,
			Connection connection, boolean addToNodeSet) {
		if (!isListed(connection)) {
			return false;
		}
		String id = connection.getConnectionId();
		InetSocketAddress client = connection.remoteSocketAddress();
		Map<String, String> fields = new HashMap<>(8);
		fields.put("node", node);
		fields.put("address", client.getAddress().getHostAddress());
		fields.put("port", Integer.toString(client.getPort()));
		fields.put("openedAt", connection.stats().openedAt().toString());
		fields.put("keys", String.join("\n", connection.session().keys().snapshot()));
		String key = this.layout.connection(id);
		pending.add(redis.hset(key, fields));
		pending.add(redis.pexpire(key, this.ttlMillis));
		if (addToNodeSet) {
			pending.add(redis.sadd(this.layout.nodeConnections(node), id));
		}
		return true;
	}

	private static boolean isListed(Connection connection) {
		return connection.isOpen() && connection.proxyHeaderPendingSince() == 0;
	}

	/** Build the set under a key of its own, then rename it over the old one at once. */
	private void replaceSet(RedisAsyncCommands<String, String> redis, List<RedisFuture<?>> pending, String next,
			String target, List<String> members) {
		if (members.isEmpty()) {
			pending.add(redis.del(target));
			return;
		}
		pending.add(redis.del(next));
		for (int from = 0; from < members.size(); from += CHUNK) {
			pending.add(redis.sadd(next,
					members.subList(from, Math.min(members.size(), from + CHUNK)).toArray(String[]::new)));
		}
		pending.add(redis.pexpire(next, this.ttlMillis));
		pending.add(redis.rename(next, target));
	}

}
