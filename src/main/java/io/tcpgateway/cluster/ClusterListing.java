package io.tcpgateway.cluster;

import java.util.List;

/**
 * Connections of the whole cluster, as the directory lists them.
 *
 * @param total connections of every live node
 * @param nodes the live nodes
 * @param connections the first of them, oldest first, as many as asked for
 */
public record ClusterListing(long total, List<String> nodes, List<ClusterEntry> connections) {

}
