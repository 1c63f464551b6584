package io.tcpgateway.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * TLS for the TCP port, from a Spring Boot SSL bundle: TLS 1.2 and 1.3 only (or the bundle's own
 * protocol list, narrowed to those), its ciphers, and the client-certificate policy.
 */
final class TlsSettings {

	private static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private final SSLContext context;

	private final String[] protocols;

	private final String[] ciphers;

	private final ClientAuth clientAuth;

	private final Duration handshakeTimeout;

	TlsSettings(SslBundle bundle, ClientAuth clientAuth, Duration handshakeTimeout) {
		this.context = bundle.createSslContext();
		SslOptions options = bundle.getOptions();
		String[] requested = (options.getEnabledProtocols() != null) ? options.getEnabledProtocols()
				: ALLOWED_PROTOCOLS.toArray(String[]::new);
		this.protocols = Arrays.stream(requested).filter(ALLOWED_PROTOCOLS::contains).toArray(String[]::new);
		if (this.protocols.length == 0) {
			throw new IllegalStateException("The SSL bundle of tcp-gateway.ssl.bundle enables none of "
					+ ALLOWED_PROTOCOLS + ": " + Arrays.toString(requested));
		}
		this.ciphers = options.getCiphers();
		this.clientAuth = clientAuth;
		this.handshakeTimeout = handshakeTimeout;
	}

	SSLContext context() {
		return this.context;
	}

	Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	SSLEngine newServerEngine(String peerHost, int peerPort) {
		SSLEngine engine = this.context.createSSLEngine(peerHost, peerPort);
		engine.setUseClientMode(false);
		engine.setSSLParameters(parameters(engine.getSSLParameters()));
		return engine;
	}

	void configure(SSLServerSocket serverSocket) {
		serverSocket.setSSLParameters(parameters(serverSocket.getSSLParameters()));
	}

	private SSLParameters parameters(SSLParameters parameters) {
		parameters.setProtocols(this.protocols);
		if (this.ciphers != null) {
			parameters.setCipherSuites(this.ciphers);
		}
		parameters.setNeedClientAuth(this.clientAuth == ClientAuth.NEED);
		if (this.clientAuth == ClientAuth.WANT) {
			parameters.setWantClientAuth(true);
		}
		return parameters;
	}

}
