package io.tcpgateway.connection;

import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.logging.WireLog;

/**
 * The gateway's shared objects every connection of the listener works with, handed to the
 * connection factories' constructors beside the {@link ConnectionSettings} values.
 *
 * @param registry the live connections
 * @param messageHeaders creates the headers of the connections' messages
 * @param memory the gateway-wide limits on what connections make it hold
 * @param wireLog logs the bytes of each read and write, when its level is on
 * @param readGate the features' reasons to read no connection, such as a backend at its
 * limit of open requests; {@link ReadGate#OPEN} without any
 */
public record ConnectionCollaborators(ConnectionRegistry registry, GatewayMessageHeaders messageHeaders,
		MemoryBudgets memory, WireLog wireLog, ReadGate readGate) {
}
