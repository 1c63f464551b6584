/**
 * What every connection is, whatever its transport: the registry of live connections, the
 * state each keeps ({@link io.tcpgateway.connection.ConnectionSession}), close reasons,
 * traffic counters, request tracking, client-error reporting and the sweeper of timeouts.
 * The transports are in {@code nio} and {@code net}.
 */
package io.tcpgateway.connection;
