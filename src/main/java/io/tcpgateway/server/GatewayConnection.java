package io.tcpgateway.server;

import java.net.InetAddress;
import java.util.Map;

/**
 * What the gateway needs to know of a live connection, whatever its I/O mode, to enforce limits,
 * timeouts and the shutdown drain.
 */
interface GatewayConnection extends ConnectionHandle {

	/**
	 * @return the client's address, for per-client limits
	 */
	InetAddress clientAddress();

	/**
	 * @return the standard headers of this connection's messages, prepared once per client; not to be modified
	 */
	Map<String, Object> inboundHeaders();

	/**
	 * @return {@code address:port} of the client, for logs
	 */
	String remoteAddress();

	/**
	 * @return {@link System#nanoTime()} when bytes last arrived from the client (or when it connected)
	 */
	long lastReceivedNanos();

	/**
	 * @return reply bytes waiting to be written
	 */
	long pendingBytes();

	/**
	 * @param now the current {@link System#nanoTime()}
	 * @return for how long waiting replies have made no progress, 0 when nothing waits
	 */
	long writeStalledNanos(long now);

	/**
	 * @return {@link System#nanoTime()} when a TLS handshake still in progress began, 0 when none is
	 */
	default long handshakeStartedNanos() {
		return 0;
	}

	/**
	 * @return {@link System#nanoTime()} when the connection opened while its PROXY protocol header is
	 * still awaited, 0 otherwise
	 */
	default long proxyHeaderPendingSince() {
		return 0;
	}

	/**
	 * @return {@code true} while a thread is reading, dispatching or writing for this connection
	 */
	boolean isBusy();

}
