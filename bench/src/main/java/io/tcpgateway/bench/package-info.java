/**
 * Command-line entry point of the benchmark jar: the load tool and the Netty echo server.
 */
package io.tcpgateway.bench;
