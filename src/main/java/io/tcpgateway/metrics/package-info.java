/**
 * Micrometer meters of the core, under the {@code tcp.gateway} prefix; each feature
 * registers its own.
 *
 * <p>
 * Internal, but for the meter names in {@link io.tcpgateway.metrics.GatewayMeters}.
 */
package io.tcpgateway.metrics;
