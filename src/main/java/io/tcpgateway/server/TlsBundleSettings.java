package io.tcpgateway.server;

import java.util.Locale;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.tls.ClientAuth;
import io.tcpgateway.tls.TlsBundleReload;
import io.tcpgateway.tls.TlsProvider;
import io.tcpgateway.tls.TlsSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;

/**
 * Finds the SSL bundle {@code tcp-gateway.ssl.bundle} names and makes the listener's TLS
 * settings of it, reloaded when the bundle's files change.
 */
final class TlsBundleSettings {

	private static final String PROVIDER = "tcp-gateway.ssl.provider";

	/** Loaded only where Netty is: whoever reads this without it gets a clear failure. */
	private static final String NETTY_OPENSSL = "io.netty.handler.ssl.OpenSsl";

	private TlsBundleSettings() {
	}

	/**
	 * @return the settings, or {@code null} for plain TCP
	 */
	static TlsSettings tlsSettings(SslProperties ssl, IoMode ioMode, ObjectProvider<SslBundles> sslBundles) {
		if (ssl.getProvider() == TlsProvider.OPENSSL) {
			requireOpenSsl(ssl, ioMode);
		}
		if (ssl.getBundle() == null) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		SslBundle bundle = NamedSslBundles.get(bundles, "tcp-gateway.ssl.bundle", ssl.getBundle());
		requireTrustStoreForClientAuth(ssl, bundle);
		if (ssl.getProvider() == TlsProvider.OPENSSL) {
			requireOpenSslCiphers(ssl, bundle);
		}
		TlsSettings settings = new TlsSettings(bundle, ssl.getClientAuth(), ssl.getHandshakeTimeout(),
				ssl.getProvider());
		// called only for a bundle with reload-on-update, when its files change
		bundles.addBundleUpdateHandler(ssl.getBundle(), new TlsBundleReload(ssl.getBundle(), settings));
		return settings;
	}

	/**
	 * OpenSSL serves only what it can: TLS on the NIO path (the blocking one layers the
	 * JDK's SSLSocket, which OpenSSL does not offer), with Netty and its native library
	 * there.
	 */
	private static void requireOpenSsl(SslProperties ssl, IoMode ioMode) {
		if (ssl.getBundle() == null) {
			throw new InvalidConfigurationPropertyValueException(PROVIDER, "openssl",
					"OpenSSL serves TLS, which needs an SSL bundle: set tcp-gateway.ssl.bundle");
		}
		if (ioMode == IoMode.NET) {
			throw new InvalidConfigurationPropertyValueException(PROVIDER, "openssl",
					"OpenSSL serves the nio mode only (tcp-gateway.io-mode=net layers the JDK's SSLSocket):"
							+ " set tcp-gateway.io-mode=nio or tcp-gateway.ssl.provider=jdk");
		}
		if (!ClassUtils.isPresent(NETTY_OPENSSL, null)) {
			throw new InvalidConfigurationPropertyValueException(PROVIDER, "openssl",
					"Netty's OpenSSL binding is not on the class path: add io.netty:netty-handler and"
							+ " io.netty:netty-tcnative-boringssl-static (with the platform's classifier)");
		}
		try {
			TlsSettings.requireOpenSsl();
		}
		catch (IllegalStateException ex) {
			throw new InvalidConfigurationPropertyValueException(PROVIDER, "openssl", ex.getMessage()
					+ ": add io.netty:netty-tcnative-boringssl-static for this platform, or set tcp-gateway.ssl.provider=jdk");
		}
		catch (LinkageError ex) {
			// a Netty on the class path without its other parts (netty-tcnative-classes),
			// or
			// parts of different versions
			throw new InvalidConfigurationPropertyValueException(PROVIDER, "openssl",
					"Netty's OpenSSL binding cannot be loaded (" + ex + "): add io.netty:netty-handler,"
							+ " io.netty:netty-tcnative-classes and io.netty:netty-tcnative-boringssl-static at the"
							+ " versions Spring Boot manages, or set tcp-gateway.ssl.provider=jdk");
		}
	}

	private static void requireOpenSslCiphers(SslProperties ssl, SslBundle bundle) {
		String conflict = TlsSettings.openSslCipherConflict(bundle);
		if (conflict != null) {
			throw new InvalidConfigurationPropertyValueException(
					"spring.ssl.bundle.*." + ssl.getBundle() + ".options.ciphers",
					String.join(",", bundle.getOptions().getCiphers()), conflict);
		}
	}

	/**
	 * Without a trust store the JDK's public CAs would vouch for client certificates, so
	 * anyone who can buy one would pass; nginx and HAProxy refuse the same configuration.
	 */
	private static void requireTrustStoreForClientAuth(SslProperties ssl, SslBundle bundle) {
		if (ssl.getClientAuth() != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.ssl.client-auth",
					ssl.getClientAuth().name().toLowerCase(Locale.ROOT),
					"Client certificates need a trust store of the CAs that issue them in the SSL bundle "
							+ ssl.getBundle() + ": set spring.ssl.bundle.jks." + ssl.getBundle()
							+ ".truststore.location (or spring.ssl.bundle.pem." + ssl.getBundle()
							+ ".truststore.certificate)");
		}
	}

}
