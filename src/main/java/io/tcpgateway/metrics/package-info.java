/**
 * Micrometer meters of the gateway, under the {@code tcp.gateway} prefix.
 */
package io.tcpgateway.metrics;
