package io.tcpgateway.forward.tcp;

import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpConnectionContext;

/**
 * A client's request written to a shared upstream connection, waiting for its reply.
 *
 * @param payload the request frame's payload
 * @param client the client that sent it
 * @param replies where its reply goes, kept open until then
 * @param sentNanos {@link System#nanoTime()} when it was handed to the connection
 */
record PendingRequest(byte[] payload, TcpConnectionContext client, ReplySink replies, long sentNanos) {
}
