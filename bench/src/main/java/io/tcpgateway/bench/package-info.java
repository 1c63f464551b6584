/**
 * Command-line entry point of the benchmark jar: the load tool, the Netty echo server,
 * and the HTTP echo server and load tool.
 */
package io.tcpgateway.bench;
