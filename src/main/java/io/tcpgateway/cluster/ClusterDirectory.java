package io.tcpgateway.cluster;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Reads the cluster directory: one entry by id (one command), the nodes holding a key and
 * their connections, every node's connections. Each read is one or two pipelines, on the
 * caller's thread, bounded by the cluster timeout.
 */
final class ClusterDirectory {

	private final RedisLink link;

	private final DirectoryLayout layout;

	ClusterDirectory(RedisLink link, DirectoryLayout layout) {
		this.link = link;
		this.layout = layout;
	}

	/**
	 * @return the entry, or {@code null} when no node holds the connection
	 */
	ClusterEntry find(String connectionId) {
		Map<String, String> fields = this.link.await(this.link.async().hgetall(this.layout.connection(connectionId)));
		return entry(connectionId, fields);
	}

	/**
	 * @return the node holding the connection, or {@code null}
	 */
	String nodeOf(String connectionId) {
		return this.link.await(this.link.async().hget(this.layout.connection(connectionId), "node"));
	}

	/**
	 * @return the nodes that have refreshed within the TTL
	 */
	List<String> liveNodes() {
		return this.link.await(this.link.async()
			.zrangebyscore(this.layout.nodes(), Range.create((double) System.currentTimeMillis(), Double.MAX_VALUE)));
	}

	/**
	 * @return the live nodes other than this one holding connections bound to the key,
	 * with how many each holds
	 */
	Map<String, Long> nodesHolding(String key, String self) {
		List<String> nodes = liveNodes();
		nodes.remove(self);
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<Long>> counts = new ArrayList<>(nodes.size());
		for (String node : nodes) {
			counts.add(redis.scard(this.layout.nodeKey(node, key)));
		}
		this.link.awaitAll(counts);
		Map<String, Long> holding = new LinkedHashMap<>();
		for (int i = 0; i < nodes.size(); i++) {
			long count = this.link.await(counts.get(i));
			if (count > 0) {
				holding.put(nodes.get(i), count);
			}
		}
		return holding;
	}

	List<ClusterEntry> findByKey(String key) {
		List<String> nodes = liveNodes();
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<Set<String>>> members = new ArrayList<>(nodes.size());
		for (String node : nodes) {
			members.add(redis.smembers(this.layout.nodeKey(node, key)));
		}
		this.link.awaitAll(members);
		List<String> ids = new ArrayList<>();
		for (RedisFuture<Set<String>> found : members) {
			ids.addAll(this.link.await(found));
		}
		return entries(ids);
	}

	ClusterListing list(int limit) {
		List<String> nodes = liveNodes();
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<Set<String>>> members = new ArrayList<>(nodes.size());
		for (String node : nodes) {
			members.add(redis.smembers(this.layout.nodeConnections(node)));
		}
		this.link.awaitAll(members);
		List<String> ids = new ArrayList<>();
		for (RedisFuture<Set<String>> found : members) {
			ids.addAll(this.link.await(found));
		}
		List<ClusterEntry> entries = entries(ids);
		entries.sort(Comparator.comparing(ClusterEntry::openedAt));
		return new ClusterListing(entries.size(), nodes,
				List.copyOf(entries.subList(0, Math.min(limit, entries.size()))));
	}

	/** The entries of these ids, leaving out those that have expired meanwhile. */
	private List<ClusterEntry> entries(List<String> ids) {
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<Map<String, String>>> hashes = new ArrayList<>(ids.size());
		for (String id : ids) {
			hashes.add(redis.hgetall(this.layout.connection(id)));
		}
		this.link.awaitAll(hashes);
		List<ClusterEntry> entries = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i++) {
			ClusterEntry entry = entry(ids.get(i), this.link.await(hashes.get(i)));
			if (entry != null) {
				entries.add(entry);
			}
		}
		return entries;
	}

	private static ClusterEntry entry(String id, Map<String, String> fields) {
		if (fields == null || fields.get("node") == null) {
			return null;
		}
		String keys = fields.getOrDefault("keys", "");
		try {
			return new ClusterEntry(id, fields.get("node"), fields.get("address"),
					Integer.parseInt(fields.getOrDefault("port", "0")),
					Instant.parse(fields.getOrDefault("openedAt", Instant.EPOCH.toString())),
					keys.isEmpty() ? List.of() : List.of(keys.split("\n")));
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			// not written by a gateway: not an entry
			return null;
		}
	}

}
