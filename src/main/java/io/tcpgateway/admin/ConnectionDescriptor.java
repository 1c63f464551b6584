package io.tcpgateway.admin;

import java.time.Instant;
import java.util.List;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionStats;

/**
 * One live connection as the {@code tcpconnections} endpoint shows it.
 *
 * @param id the connection id
 * @param remoteAddress the client's address
 * @param remotePort the client's port
 * @param openedAt when it was accepted
 * @param lastActivity when bytes last arrived from the client
 * @param bytesIn bytes read
 * @param bytesOut bytes written
 * @param messagesIn frames received
 * @param messagesOut replies and pushed messages sent
 * @param pendingBytes reply bytes waiting to be written
 * @param keys the application's keys bound to it
 */
record ConnectionDescriptor(String id, String remoteAddress, int remotePort, Instant openedAt, Instant lastActivity,
		long bytesIn, long bytesOut, long messagesIn, long messagesOut, long pendingBytes, List<String> keys) {

	static ConnectionDescriptor of(Connection connection) {
		ConnectionStats stats = connection.stats();
		return new ConnectionDescriptor(connection.getConnectionId(),
				connection.remoteSocketAddress().getAddress().getHostAddress(),
				connection.remoteSocketAddress().getPort(), stats.openedAt(), stats.lastReceivedAt(), stats.bytesIn(),
				stats.bytesOut(), stats.messagesIn(), stats.messagesOut(), stats.pendingBytes(),
				List.copyOf(connection.session().keys().snapshot()));
	}

}
