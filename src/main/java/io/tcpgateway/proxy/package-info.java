/**
 * The PROXY protocol (v1 text, v2 binary): the client's real address, sent by a load
 * balancer ahead of the stream.
 *
 * <p>
 * Internal: its public types serve the gateway's other packages, with no compatibility
 * promise.
 */
package io.tcpgateway.proxy;
