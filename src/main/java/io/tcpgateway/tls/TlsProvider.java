package io.tcpgateway.tls;

/**
 * Which TLS implementation makes the listener's {@code SSLEngine}s.
 */
public enum TlsProvider {

	/** The JDK's own, in any mode. */
	JDK,

	/**
	 * OpenSSL (BoringSSL) through Netty's binding: needs {@code netty-handler} and a
	 * {@code netty-tcnative} library for the platform, and the NIO mode.
	 */
	OPENSSL

}
