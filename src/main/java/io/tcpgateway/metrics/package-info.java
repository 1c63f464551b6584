/**
 * Micrometer meters of the core, under the {@code tcp.gateway} prefix; each feature
 * registers its own.
 */
package io.tcpgateway.metrics;
