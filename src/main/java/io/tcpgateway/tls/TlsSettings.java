package io.tcpgateway.tls;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * TLS for the TCP port, from a Spring Boot SSL bundle: TLS 1.2 and 1.3 only (or the
 * bundle's own protocol list, narrowed to those), its ciphers, and the client-certificate
 * policy.
 */
public final class TlsSettings {

	private static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private final SSLContext context;

	private final String[] protocols;

	private final String[] ciphers;

	private final ClientAuth clientAuth;

	private final Duration handshakeTimeout;

	public TlsSettings(SslBundle bundle, ClientAuth clientAuth, Duration handshakeTimeout) {
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

	public SSLContext context() {
		return this.context;
	}

	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Start the TLS layer of one NIO connection.
	 * @param writeLock the connection's write lock, which orders its records
	 */
	public TlsSession newSession(String peerHost, int peerPort, Lock writeLock) throws SSLException {
		return new TlsSession(newServerEngine(peerHost, peerPort), writeLock);
	}

	private SSLEngine newServerEngine(String peerHost, int peerPort) {
		SSLEngine engine = this.context.createSSLEngine(peerHost, peerPort);
		engine.setUseClientMode(false);
		engine.setSSLParameters(parameters(engine.getSSLParameters()));
		return engine;
	}

	public void configure(SSLServerSocket serverSocket) {
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
