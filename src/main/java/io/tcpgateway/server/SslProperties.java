package io.tcpgateway.server;

import java.time.Duration;

import io.tcpgateway.tls.ClientAuth;
import io.tcpgateway.tls.TlsProvider;

/**
 * TLS on the TCP port.
 */
public class SslProperties {

	/**
	 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.jks.NAME or .pem.NAME) to
	 * serve TLS with; plain TCP when not set.
	 */
	private String bundle;

	/**
	 * Whether clients must present a certificate: none, want or need; want and need
	 * require a trust store in the bundle.
	 */
	private ClientAuth clientAuth = ClientAuth.NONE;

	/** Close a connection whose TLS handshake has not completed within this time. */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * TLS implementation: jdk, or openssl (Netty's OpenSSL binding, for the nio mode,
	 * when its native library loads).
	 */
	private TlsProvider provider = TlsProvider.JDK;

	public String getBundle() {
		return this.bundle;
	}

	public void setBundle(String bundle) {
		this.bundle = bundle;
	}

	public ClientAuth getClientAuth() {
		return this.clientAuth;
	}

	public void setClientAuth(ClientAuth clientAuth) {
		this.clientAuth = clientAuth;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public TlsProvider getProvider() {
		return this.provider;
	}

	public void setProvider(TlsProvider provider) {
		this.provider = provider;
	}

}
