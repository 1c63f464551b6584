/**
 * The NIO transport: a few event loops ({@link io.tcpgateway.connection.nio.EventLoop}),
 * each one thread with one selector, share the connections; each connection's read path
 * ({@link io.tcpgateway.connection.nio.InboundReader}) decodes without blocking and its
 * outbound queue ({@link io.tcpgateway.connection.nio.OutboundQueue}) coalesces replies
 * into non-blocking writes on its loop. The loop alone touches a connection's write
 * state, without a lock: replies and closes from other threads are handed over to it.
 */
package io.tcpgateway.connection.nio;
