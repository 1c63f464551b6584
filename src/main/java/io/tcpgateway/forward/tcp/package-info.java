/**
 * A configuration-only bridge that forwards the gateway's clients to an upstream TCP
 * service, one upstream connection per client or a shared pool.
 */
package io.tcpgateway.forward.tcp;
