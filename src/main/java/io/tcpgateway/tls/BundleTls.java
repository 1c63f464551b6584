package io.tcpgateway.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * What one version of an SSL bundle serves: its {@link SSLContext}, the protocols and
 * ciphers to enable, and the server certificate; checked whole before any connection uses
 * it.
 */
final class BundleTls {

	private static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	/**
	 * @return why OpenSSL cannot serve the bundle's cipher list as the JDK would, or
	 * {@code null} when it can
	 */
	static String openSslCipherConflict(SslBundle bundle) {
		return OpenSslCiphers.conflict(bundle.getOptions().getCiphers(), protocols(bundle.getOptions()));
	}

	private static String[] protocols(SslOptions options) {
		String[] requested = (options.getEnabledProtocols() != null) ? options.getEnabledProtocols()
				: ALLOWED_PROTOCOLS.toArray(String[]::new);
		return Arrays.stream(requested).filter(ALLOWED_PROTOCOLS::contains).toArray(String[]::new);
	}

	private final SSLContext context;

	private final String[] protocols;

	private final String[] ciphers;

	private final X509Certificate certificate;

	/** OpenSSL's engines, or {@code null} for the JDK's from the context. */
	private final ServerEngines openSsl;

	private BundleTls(SSLContext context, String[] protocols, String[] ciphers, X509Certificate certificate,
			ServerEngines openSsl) {
		this.context = context;
		this.protocols = protocols;
		this.ciphers = ciphers;
		this.certificate = certificate;
		this.openSsl = openSsl;
	}

	/**
	 * @param clientAuth the client-certificate policy, which OpenSSL's context takes
	 * whole
	 * @throws IllegalStateException when the bundle cannot serve TLS: its stores do not
	 * load, it holds no private key with a certificate, it enables no allowed protocol,
	 * or OpenSSL cannot take its settings
	 */
	static BundleTls of(SslBundle bundle, TlsProvider provider, ClientAuth clientAuth) {
		SslOptions options = bundle.getOptions();
		String[] requested = (options.getEnabledProtocols() != null) ? options.getEnabledProtocols()
				: ALLOWED_PROTOCOLS.toArray(String[]::new);
		String[] protocols = Arrays.stream(requested).filter(ALLOWED_PROTOCOLS::contains).toArray(String[]::new);
		if (protocols.length == 0) {
			throw new IllegalStateException("The SSL bundle of tcp-gateway.ssl.bundle enables none of "
					+ ALLOWED_PROTOCOLS + ": " + Arrays.toString(requested));
		}
		X509Certificate certificate = serverCertificate(bundle);
		ServerEngines openSsl = (provider == TlsProvider.OPENSSL) ? openSsl(bundle, protocols, clientAuth) : null;
		return new BundleTls(bundle.createSslContext(), protocols, options.getCiphers(), certificate, openSsl);
	}

	private static ServerEngines openSsl(SslBundle bundle, String[] protocols, ClientAuth clientAuth) {
		String conflict = OpenSslCiphers.conflict(bundle.getOptions().getCiphers(), protocols);
		if (conflict != null) {
			throw new IllegalStateException("The ciphers of the SSL bundle of tcp-gateway.ssl.bundle: " + conflict);
		}
		try {
			return OpenSslEngines.of(bundle, protocols, bundle.getOptions().getCiphers(), clientAuth);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"The SSL bundle of tcp-gateway.ssl.bundle cannot start an OpenSSL context: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The certificate of the bundle's key alias, or of its first private key: without
	 * one, every handshake would fail.
	 */
	private static X509Certificate serverCertificate(SslBundle bundle) {
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			throw new IllegalStateException("The SSL bundle of tcp-gateway.ssl.bundle has no key store");
		}
		try {
			String alias = bundle.getKey().getAlias();
			List<String> aliases = (alias != null) ? List.of(alias) : Collections.list(keyStore.aliases());
			for (String candidate : aliases) {
				Certificate certificate = keyStore.isKeyEntry(candidate) ? keyStore.getCertificate(candidate) : null;
				if (certificate instanceof X509Certificate x509) {
					return x509;
				}
			}
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("The key store of the SSL bundle cannot be read: " + ex.getMessage(), ex);
		}
		throw new IllegalStateException(
				"The key store of the SSL bundle of tcp-gateway.ssl.bundle holds no private key with a certificate");
	}

	SSLContext context() {
		return this.context;
	}

	String[] protocols() {
		return this.protocols;
	}

	/**
	 * @return the ciphers to enable, or {@code null} for the JDK's defaults
	 */
	String[] ciphers() {
		return this.ciphers;
	}

	/**
	 * @return OpenSSL's engines, or {@code null} for the JDK's from {@link #context()}
	 */
	ServerEngines openSsl() {
		return this.openSsl;
	}

	X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Free what an engine of this version holds outside the heap: OpenSSL's native
	 * {@code SSL}; the JDK's engines hold nothing the collector cannot free.
	 */
	void release(SSLEngine engine) {
		if (this.openSsl != null) {
			this.openSsl.release(engine);
		}
	}

	/**
	 * This version is replaced or was never used: its OpenSSL context goes once the
	 * engines it made are released.
	 */
	void close() {
		if (this.openSsl != null) {
			this.openSsl.close();
		}
	}

}
