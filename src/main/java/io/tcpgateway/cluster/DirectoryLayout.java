package io.tcpgateway.cluster;

/**
 * The names of the cluster's Redis keys and channels, all under one prefix.
 *
 * <ul>
 * <li>{@code <prefix>nodes}: sorted set of node ids, scored by when each stops being
 * alive (epoch milliseconds) unless it refreshes;</li>
 * <li>{@code <prefix>conn:<connection id>}: hash of one connection ({@code node},
 * {@code address}, {@code port}, {@code openedAt}, {@code keys}), with the entry
 * TTL;</li>
 * <li>{@code <prefix>conns:<node>}: set of the node's connection ids, with the TTL;</li>
 * <li>{@code <prefix>key:<node>:<key>}: set of the node's connection ids bound to a key,
 * with the TTL;</li>
 * <li>{@code <prefix>node:<node>}: the pub/sub channel the node takes its commands
 * from.</li>
 * </ul>
 * A node that stops refreshing drops out of the node set at its score, and all its keys
 * expire within the TTL.
 */
record DirectoryLayout(String prefix) {

	String nodes() {
		return this.prefix + "nodes";
	}

	String connection(String connectionId) {
		return this.prefix + "conn:" + connectionId;
	}

	String nodeConnections(String node) {
		return this.prefix + "conns:" + node;
	}

	/** Where the refresh builds the node's connection set before it replaces it. */
	String nextNodeConnections(String node) {
		return this.prefix + "conns-next:" + node;
	}

	String nodeKey(String node, String key) {
		return this.prefix + "key:" + node + ":" + key;
	}

	/** Where the refresh builds a key's set before it replaces it. */
	String nextNodeKey(String node, String key) {
		return this.prefix + "key-next:" + node + ":" + key;
	}

	String channel(String node) {
		return this.prefix + "node:" + node;
	}

}
