/**
 * An HTTP echo server and an HTTP load tool: the backend of the gateway's HTTP bridge,
 * and the client that measures that backend directly.
 */
package io.tcpgateway.bench.http;
