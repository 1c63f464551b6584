/**
 * What every connection is, whatever its transport: the registry of live connections, the
 * state each keeps ({@link io.tcpgateway.connection.ConnectionSession}), every reason not
 * to read one now ({@link io.tcpgateway.connection.ConnectionReadGate}), close reasons,
 * traffic counters, request tracking, client-error reporting and the sweeper of timeouts;
 * and the seams features plug into: {@link io.tcpgateway.connection.ReadGate} and
 * {@link io.tcpgateway.connection.Connections}. The transports are in {@code nio} and
 * {@code net}.
 *
 * <p>
 * Internal: its public types serve the gateway's other packages, with no compatibility
 * promise.
 */
package io.tcpgateway.connection;
