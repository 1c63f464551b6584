package io.tcpgateway.tls;

import javax.net.ssl.SSLEngine;

/**
 * Makes the server engines of one version of a bundle, already set up with its protocols,
 * ciphers and client-certificate policy.
 */
@FunctionalInterface
interface ServerEngines {

	/**
	 * @throws IllegalArgumentException when the bundle's settings cannot start an engine
	 */
	SSLEngine newEngine(String peerHost, int peerPort);

}
