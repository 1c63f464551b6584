package io.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;

/**
 * TLS for the TCP port, from a Spring Boot SSL bundle: TLS 1.2 and 1.3 only (or the
 * bundle's own protocol list, narrowed to those), its ciphers, and the client-certificate
 * policy.
 *
 * <p>
 * Each connection takes the bundle's current context when it starts, so a
 * {@linkplain #renew renewed} bundle serves the connections accepted from then on, while
 * open connections keep the engine or socket they started with.
 */
public final class TlsSettings {

	private final ClientAuth clientAuth;

	private final Duration handshakeTimeout;

	private final TlsProvider provider;

	/** What new connections start with; replaced whole when the bundle is renewed. */
	private volatile BundleTls current;

	/** Set once the listener has stopped: nothing is renewed or started from then on. */
	private volatile boolean closed;

	/**
	 * @throws IllegalStateException when the bundle cannot serve TLS
	 */
	public TlsSettings(SslBundle bundle, ClientAuth clientAuth, Duration handshakeTimeout) {
		this(bundle, clientAuth, handshakeTimeout, TlsProvider.JDK);
	}

	/**
	 * @param provider what makes the engines; {@link TlsProvider#OPENSSL} serves
	 * {@linkplain #newSession NIO connections} only
	 * @throws IllegalStateException when the bundle cannot serve TLS
	 */
	public TlsSettings(SslBundle bundle, ClientAuth clientAuth, Duration handshakeTimeout, TlsProvider provider) {
		this.clientAuth = clientAuth;
		this.handshakeTimeout = handshakeTimeout;
		this.provider = provider;
		this.current = checked(BundleTls.of(bundle, provider, clientAuth));
	}

	/**
	 * @throws IllegalStateException when OpenSSL is not available, naming why
	 */
	public static void requireOpenSsl() {
		OpenSslEngines.requireAvailable();
	}

	/**
	 * @return why OpenSSL cannot serve the bundle's cipher list as the JDK would (it
	 * cannot restrict TLS 1.3's suites), or {@code null} when it can
	 */
	public static String openSslCipherConflict(SslBundle bundle) {
		return BundleTls.openSslCipherConflict(bundle);
	}

	/**
	 * Serve connections accepted from now on with a renewed bundle; open connections keep
	 * theirs.
	 * @throws IllegalStateException when the renewed bundle cannot serve TLS, in which
	 * case the bundle in use stays in use
	 */
	public synchronized void renew(SslBundle bundle) {
		if (this.closed) {
			throw new IllegalStateException("The listener has stopped");
		}
		if (this.clientAuth != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			// else the JDK's public CAs would vouch for client certificates from now on
			throw new IllegalStateException("The renewed bundle has no trust store to check client certificates");
		}
		BundleTls renewed = checked(BundleTls.of(bundle, this.provider, this.clientAuth));
		trialHandshake(renewed, "the renewed bundle");
		BundleTls replaced = this.current;
		this.current = renewed;
		replaced.close();
	}

	/**
	 * The listener has stopped: free the OpenSSL context of the bundle version in use,
	 * which nothing else would (only a renewal releases the version it replaces); the
	 * engines of connections still open keep it until they are released.
	 */
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.current.close();
		}
	}

	/**
	 * A renewal must not replace a working certificate with one that cannot complete a
	 * handshake. (With the JDK's engines a bundle that cannot fails every connection
	 * alike from startup, in plain sight.)
	 * @throws IllegalStateException when the handshake fails, closing the bundle version
	 */
	private void trialHandshake(BundleTls tls, String which) {
		SSLEngine trial = newServerEngine(tls, null, -1);
		try {
			trial.setNeedClientAuth(false);
			TrialHandshake.run(trial, tls.protocols());
		}
		catch (SSLException | RuntimeException ex) {
			tls.close();
			throw new IllegalStateException(
					"A trial TLS handshake with " + which + " of tcp-gateway.ssl.bundle failed: " + ex.getMessage(),
					ex);
		}
		finally {
			tls.release(trial);
		}
	}

	/**
	 * @return the bundle version new connections start with
	 */
	BundleTls current() {
		return this.current;
	}

	/**
	 * @return the certificate new connections are served with
	 */
	public X509Certificate certificate() {
		return this.current.certificate();
	}

	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Start the TLS layer of one NIO connection, used by its event loop only.
	 */
	public TlsSession newSession(String peerHost, int peerPort) throws SSLException {
		while (true) {
			if (this.closed) {
				// the context is released: waiting for a renewal would never end
				throw new SSLException("The listener has stopped");
			}
			BundleTls tls = this.current;
			SSLEngine engine = newServerEngine(tls, peerHost, peerPort);
			if (engine != null) {
				return new TlsSession(engine, tls::release, tls.openSsl() != null);
			}
			// renewed meanwhile: the renewed bundle is current already
		}
	}

	/**
	 * Layer TLS over a blocking socket just accepted; the handshake starts with the first
	 * read or {@link SSLSocket#startHandshake()}, and closing the TLS socket closes the
	 * accepted one.
	 */
	public SSLSocket layer(Socket accepted) throws IOException {
		if (this.provider != TlsProvider.JDK) {
			// refused at startup: OpenSSL offers no SSLSocket
			throw new IllegalStateException("tcp-gateway.ssl.provider=openssl serves the nio mode only");
		}
		BundleTls tls = this.current;
		SSLSocket socket = (SSLSocket) tls.context()
			.getSocketFactory()
			.createSocket(accepted, accepted.getInetAddress().getHostAddress(), accepted.getPort(), true);
		socket.setUseClientMode(false);
		socket.setSSLParameters(parameters(tls, socket.getSSLParameters()));
		return socket;
	}

	/**
	 * A context is only taken once it has made an engine with the gateway's parameters,
	 * so a bundle that cannot never reaches a connection.
	 */
	private BundleTls checked(BundleTls tls) {
		try {
			tls.release(newServerEngine(tls, null, -1));
		}
		catch (IllegalArgumentException ex) {
			tls.close();
			throw new IllegalStateException(
					"The SSL bundle of tcp-gateway.ssl.bundle cannot start a TLS engine: " + ex.getMessage(), ex);
		}
		return tls;
	}

	/**
	 * @return {@code null} when the bundle version was replaced meanwhile
	 */
	private SSLEngine newServerEngine(BundleTls tls, String peerHost, int peerPort) {
		if (tls.openSsl() != null) {
			// protocols, ciphers and client authentication are the context's already
			return tls.openSsl().newEngine(peerHost, peerPort);
		}
		SSLEngine engine = tls.context().createSSLEngine(peerHost, peerPort);
		engine.setUseClientMode(false);
		engine.setSSLParameters(parameters(tls, engine.getSSLParameters()));
		return engine;
	}

	private SSLParameters parameters(BundleTls tls, SSLParameters parameters) {
		parameters.setProtocols(tls.protocols());
		if (tls.ciphers() != null) {
			parameters.setCipherSuites(tls.ciphers());
		}
		parameters.setNeedClientAuth(this.clientAuth == ClientAuth.NEED);
		if (this.clientAuth == ClientAuth.WANT) {
			parameters.setWantClientAuth(true);
		}
		return parameters;
	}

}
