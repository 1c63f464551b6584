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
 * a graceful stop. Each is one pipeline of commands on the directory connection, flushed
 * in one write, then one wait for all of them; only the cluster thread calls it (and the
 * graceful stop, once that thread has ended).
 */
final class DirectoryWriter {

	/** Ids (or keys) per command, so that no command grows without a bound. */
	private static final int CHUNK = 500;

	private final RedisLink link;

	private final DirectoryLayout layout;

	private final long ttlMillis;

	DirectoryWriter(RedisLink link, DirectoryLayout layout, long ttlMillis) {
		this.link = link;
		this.layout = layout;
		this.ttlMillis = ttlMillis;
	}

	/**
	 * Write a batch of changes, in as few commands as it allows: a connection that opened
	 * and closed within the batch costs none, the node's set takes all the batch's ids in
	 * one {@code SADD} and one {@code SREM}, the closed entries go in one {@code DEL}.
	 * Commands go in the order of the kinds of change (entries, keys, removals), which
	 * keeps each connection's own order: opened, then bound, then closed.
	 * @param coalescableFrom the index of the first change queued after the last refresh:
	 * a connection opened before it may have been written by that refresh, so its close
	 * is always written
	 */
	void write(String node, List<DirectoryChange> changes, int coalescableFrom) {
		Set<String> unwritten = unwritten(changes, coalescableFrom);
		Map<String, Connection> opened = new LinkedHashMap<>();
		Map<String, List<Connection>> bound = new LinkedHashMap<>();
		List<String> closed = new ArrayList<>();
		Map<String, List<String>> released = new LinkedHashMap<>();
		for (DirectoryChange change : changes) {
			if (change instanceof DirectoryChange.Opened open) {
				if (!unwritten.contains(open.connection().getConnectionId())) {
					opened.put(open.connection().getConnectionId(), open.connection());
				}
			}
			else if (change instanceof DirectoryChange.Bound bind) {
				if (!unwritten.contains(bind.connection().getConnectionId())) {
					bound.computeIfAbsent(bind.key(), (k) -> new ArrayList<>()).add(bind.connection());
				}
			}
			else if (change instanceof DirectoryChange.Closed close) {
				if (!unwritten.contains(close.connectionId())) {
					closed.add(close.connectionId());
					for (String key : close.keys()) {
						released.computeIfAbsent(key, (k) -> new ArrayList<>()).add(close.connectionId());
					}
				}
			}
		}
		RedisAsyncCommands<String, String> redis = this.link.directory();
		List<RedisFuture<?>> pending = new ArrayList<>();
		List<String> added = new ArrayList<>(opened.size());
		for (Connection connection : opened.values()) {
			if (writeEntry(redis, pending, node, connection)) {
				added.add(connection.getConnectionId());
			}
		}
		if (!added.isEmpty()) {
			addAll(redis, pending, this.layout.nodeConnections(node), added);
			pending.add(redis.pexpire(this.layout.nodeConnections(node), this.ttlMillis));
		}
		Set<String> keysWritten = new HashSet<>();
		for (Map.Entry<String, List<Connection>> key : bound.entrySet()) {
			List<String> ids = new ArrayList<>(key.getValue().size());
			for (Connection connection : key.getValue()) {
				if (isListed(connection)) {
					ids.add(connection.getConnectionId());
					// an entry written in this batch already carries its keys
					if (!opened.containsKey(connection.getConnectionId())
							&& keysWritten.add(connection.getConnectionId())) {
						pending.add(redis.hset(this.layout.connection(connection.getConnectionId()), "keys",
								String.join("\n", connection.session().keys().snapshot())));
					}
				}
			}
			if (!ids.isEmpty()) {
				String set = this.layout.nodeKey(node, key.getKey());
				addAll(redis, pending, set, ids);
				pending.add(redis.pexpire(set, this.ttlMillis));
			}
		}
		if (!closed.isEmpty()) {
			for (int from = 0; from < closed.size(); from += CHUNK) {
				pending.add(redis.del(closed.subList(from, Math.min(closed.size(), from + CHUNK))
					.stream()
					.map(this.layout::connection)
					.toArray(String[]::new)));
			}
			removeAll(redis, pending, this.layout.nodeConnections(node), closed);
		}
		for (Map.Entry<String, List<String>> key : released.entrySet()) {
			removeAll(redis, pending, this.layout.nodeKey(node, key.getKey()), key.getValue());
		}
		this.link.flushAndAwaitAll(pending);
	}

	/**
	 * @return the ids of the connections that opened and closed within the batch, after
	 * the last refresh: nothing of them is in Redis, nor needs to be
	 */
	private static Set<String> unwritten(List<DirectoryChange> changes, int coalescableFrom) {
		Set<String> fresh = null;
		for (int i = Math.max(0, coalescableFrom); i < changes.size(); i++) {
			if (changes.get(i) instanceof DirectoryChange.Opened open && open.first()) {
				if (fresh == null) {
					fresh = new HashSet<>();
				}
				fresh.add(open.connection().getConnectionId());
			}
		}
		if (fresh == null) {
			return Set.of();
		}
		Set<String> unwritten = new HashSet<>();
		for (DirectoryChange change : changes) {
			if (change instanceof DirectoryChange.Closed close && fresh.contains(close.connectionId())) {
				unwritten.add(close.connectionId());
			}
		}
		return unwritten;
	}

	private static void addAll(RedisAsyncCommands<String, String> redis, List<RedisFuture<?>> pending, String set,
			List<String> ids) {
		for (int from = 0; from < ids.size(); from += CHUNK) {
			pending.add(redis.sadd(set, ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new)));
		}
	}

	private static void removeAll(RedisAsyncCommands<String, String> redis, List<RedisFuture<?>> pending, String set,
			List<String> ids) {
		for (int from = 0; from < ids.size(); from += CHUNK) {
			pending.add(redis.srem(set, ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new)));
		}
	}

	/**
	 * Rewrite every entry of the node with a new TTL, and its sets whole: whatever a
	 * dropped change or a Redis outage left out is back, whatever they left behind is
	 * gone or expires.
	 */
	void refresh(String node, Collection<Connection> live) {
		RedisAsyncCommands<String, String> redis = this.link.directory();
		List<RedisFuture<?>> pending = new ArrayList<>();
		long now = System.currentTimeMillis();
		pending.add(redis.zadd(this.layout.nodes(), now + this.ttlMillis, node));
		pending.add(redis.zremrangebyscore(this.layout.nodes(), Double.NEGATIVE_INFINITY, now - 1));
		List<String> ids = new ArrayList<>();
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		for (Connection connection : live) {
			if (writeEntry(redis, pending, node, connection)) {
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
		this.link.flushAndAwaitAll(pending);
	}

	/** Remove the node and everything of its connections, on a graceful stop. */
	void removeAll(String node, Collection<Connection> live) {
		RedisAsyncCommands<String, String> redis = this.link.directory();
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
		this.link.flushAndAwaitAll(pending);
	}

	/**
	 * Write the connection's hash, with the TTL (which removes the entry of a node that
	 * dies; the node's sets alone would not).
	 * @return whether the connection's entry was written: not while it awaits its PROXY
	 * header (the header's arrival queues it again), nor once it has closed
	 */
	private boolean writeEntry(RedisAsyncCommands<String, String> redis, List<RedisFuture<?>> pending, String node,
			Connection connection) {
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
