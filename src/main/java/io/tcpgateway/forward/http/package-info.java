/**
 * The bridge from TCP clients to an HTTP service: each frame POSTed, each 2xx response's
 * body the reply ({@code tcp-gateway.forward.http.*}).
 */
package io.tcpgateway.forward.http;
