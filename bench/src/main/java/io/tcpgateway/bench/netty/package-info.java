/**
 * A minimal Netty echo server, the reference the gateway is compared with.
 */
package io.tcpgateway.bench.netty;
