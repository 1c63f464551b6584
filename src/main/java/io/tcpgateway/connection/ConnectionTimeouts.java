package io.tcpgateway.connection;

import java.time.Duration;

/**
 * How long a connection may wait in each state before the gateway closes it; zero turns
 * the idle and frame timeouts off.
 *
 * @param idle nothing received for this long
 * @param write waiting replies made no progress for this long
 * @param handshake the TLS handshake not complete after this long
 * @param proxyHeader the PROXY protocol header not received whole after this long
 * @param frame a frame begun but not received whole after this long
 * @param reply a request not answered after this long (checked by the flow)
 */
public record ConnectionTimeouts(Duration idle, Duration write, Duration handshake, Duration proxyHeader,
		Duration frame, Duration reply) {
}
