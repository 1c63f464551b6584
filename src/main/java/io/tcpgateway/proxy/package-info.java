/**
 * The PROXY protocol (v1 text, v2 binary): the client's real address, sent by a load
 * balancer ahead of the stream.
 */
package io.tcpgateway.proxy;
