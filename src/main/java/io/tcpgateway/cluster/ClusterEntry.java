package io.tcpgateway.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One connection as the cluster directory holds it.
 *
 * @param id the connection id
 * @param node the gateway holding it
 * @param remoteAddress the client's address, as the gateway reports it (behind a PROXY
 * header, the real client)
 * @param remotePort the client's port
 * @param openedAt when it was accepted
 * @param keys the application's keys bound to it
 */
public record ClusterEntry(String id, String node, String remoteAddress, int remotePort, Instant openedAt,
		List<String> keys) {

}
