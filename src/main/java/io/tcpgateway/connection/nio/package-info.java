/**
 * The NIO transport: one selector multiplexes every connection; each connection's read
 * path ({@link io.tcpgateway.connection.nio.InboundReader}) decodes without blocking and
 * its outbound queue ({@link io.tcpgateway.connection.nio.OutboundQueue}) coalesces
 * replies into non-blocking writes.
 */
package io.tcpgateway.connection.nio;
