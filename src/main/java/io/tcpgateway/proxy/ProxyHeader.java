package io.tcpgateway.proxy;

import java.net.InetSocketAddress;

/**
 * A decoded PROXY protocol header.
 *
 * @param source the client's address and port, or {@code null} when the proxy sent none
 * (v1 {@code UNKNOWN}, v2 {@code LOCAL} such as its own health checks, or an address
 * family other than IP)
 * @param length the header's length in bytes
 */
public record ProxyHeader(InetSocketAddress source, int length) {

}
