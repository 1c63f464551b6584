/**
 * A configuration-only bridge that forwards the gateway's clients to a pool of upstream
 * TCP services, balanced and health-checked, one upstream connection per client or shared
 * connections to each upstream.
 */
package io.tcpgateway.forward.tcp;
