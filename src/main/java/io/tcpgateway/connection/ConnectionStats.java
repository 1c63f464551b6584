package io.tcpgateway.connection;

import java.time.Instant;

/**
 * A snapshot of one connection's traffic, for operators.
 *
 * @param openedAt when the connection was accepted
 * @param lastReceivedAt when bytes last arrived from the client
 * @param bytesIn bytes read from the socket
 * @param bytesOut bytes written to the socket ({@code net} mode: reply payload bytes)
 * @param messagesIn frames received
 * @param messagesOut replies and pushed messages sent
 * @param pendingBytes reply bytes waiting to be written
 */
public record ConnectionStats(Instant openedAt, Instant lastReceivedAt, long bytesIn, long bytesOut, long messagesIn,
		long messagesOut, long pendingBytes) {

}
