package io.tcpgateway.logging;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * What the access log says about one closed connection.
 *
 * @param connectionId the connection's id
 * @param client the client's address and port: behind a load balancer, from its PROXY
 * header
 * @param localPort the gateway's port it connected to
 * @param openedAt when it opened
 * @param duration how long it was open
 * @param bytesIn bytes received from the client
 * @param bytesOut bytes written to the client
 * @param messagesIn frames received
 * @param messagesOut replies and pushes written
 * @param reason why it closed, as the metrics tag it
 */
public record AccessLogEntry(String connectionId, InetSocketAddress client, int localPort, Instant openedAt,
		Duration duration, long bytesIn, long bytesOut, long messagesIn, long messagesOut, String reason) {
}
