package io.tcpgateway.tls;

import javax.net.ssl.SSLEngine;

/**
 * Makes the server engines of one version of a bundle, already set up with its protocols,
 * ciphers and client-certificate policy.
 */
interface ServerEngines {

	/**
	 * @return the engine, or {@code null} once these engines are {@linkplain #close
	 * closed}
	 * @throws IllegalArgumentException when the bundle's settings cannot start an engine
	 */
	SSLEngine newEngine(String peerHost, int peerPort);

	/**
	 * Free what an engine holds outside the heap; called once per engine, when its
	 * connection (or check) is done with it.
	 */
	void release(SSLEngine engine);

	/**
	 * Make no more engines: the bundle version was replaced; engines made already stay
	 * usable until released.
	 */
	void close();

}
