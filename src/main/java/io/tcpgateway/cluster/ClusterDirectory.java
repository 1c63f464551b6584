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
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reads the cluster directory: one entry by id (one command), the nodes holding a key and
 * their connections, a page of every node's connections. Each read is a few pipelines, on
 * the caller's thread, each bounded by the cluster timeout.
 */
final class ClusterDirectory {

	private static final Log logger = LogFactory.getLog(ClusterDirectory.class);

	/** The most ids one SSCAN asks for: a page of entries is read in one pipeline. */
	private static final int SCAN_PAGE = 500;

	private final RedisLink link;

	private final DirectoryLayout layout;

	private final RateLimitedLog invalidNodes = new RateLimitedLog(logger);

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
	 * @return the nodes that have refreshed within the TTL; a member of the node set that
	 * is no node id (not written by a gateway) is left out, with a warning
	 */
	List<String> liveNodes() {
		List<String> nodes = this.link.await(this.link.async()
			.zrangebyscore(this.layout.nodes(), Range.create((double) System.currentTimeMillis(), Double.MAX_VALUE)));
		List<String> valid = new ArrayList<>(nodes.size());
		for (String node : nodes) {
			if (NodeIds.isValid(node)) {
				valid.add(node);
			}
			else {
				this.invalidNodes.warn((count) -> "Skipped " + count + " member(s) of " + this.layout.nodes()
						+ " that are no node id, the last: " + NodeIds.quote(node)
						+ " (only gateways should write the cluster's keys)");
			}
		}
		return valid;
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

	/**
	 * Reads each live node's connection set a page at a time ({@code SSCAN}), and stops
	 * once {@code limit} connections are found: a node holding a huge set costs no more
	 * than the page that reaches the limit. The total is each set's size ({@code SCARD}).
	 * The connections listed are the oldest first of those read, not of the whole
	 * cluster, when there are more than {@code limit}.
	 */
	ClusterListing list(int limit) {
		List<String> nodes = liveNodes();
		RedisAsyncCommands<String, String> redis = this.link.async();
		List<RedisFuture<Long>> sizes = new ArrayList<>(nodes.size());
		for (String node : nodes) {
			sizes.add(redis.scard(this.layout.nodeConnections(node)));
		}
		this.link.awaitAll(sizes);
		long total = 0;
		for (RedisFuture<Long> size : sizes) {
			total += this.link.await(size);
		}
		List<ClusterEntry> entries = new ArrayList<>();
		for (String node : nodes) {
			ScanCursor cursor = ScanCursor.INITIAL;
			while (entries.size() < limit && !cursor.isFinished()) {
				ValueScanCursor<String> page = this.link.await(redis.sscan(this.layout.nodeConnections(node), cursor,
						ScanArgs.Builder.limit(Math.min(Math.max(limit - entries.size(), 10), SCAN_PAGE))));
				entries.addAll(entries(page.getValues()));
				cursor = page;
			}
		}
		entries.sort(Comparator.comparing(ClusterEntry::openedAt));
		return new ClusterListing(total, nodes, List.copyOf(entries.subList(0, Math.min(limit, entries.size()))));
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
