package io.tcpgateway.server;

import java.util.Locale;

import io.tcpgateway.tls.ClientAuth;
import io.tcpgateway.tls.TlsBundleReload;
import io.tcpgateway.tls.TlsSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Finds the SSL bundle {@code tcp-gateway.ssl.bundle} names and makes the listener's TLS
 * settings of it, reloaded when the bundle's files change.
 */
final class TlsBundleSettings {

	private TlsBundleSettings() {
	}

	/**
	 * @return the settings, or {@code null} for plain TCP
	 */
	static TlsSettings tlsSettings(SslProperties ssl, ObjectProvider<SslBundles> sslBundles) {
		if (ssl.getBundle() == null) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		SslBundle bundle = NamedSslBundles.get(bundles, "tcp-gateway.ssl.bundle", ssl.getBundle());
		requireTrustStoreForClientAuth(ssl, bundle);
		TlsSettings settings = new TlsSettings(bundle, ssl.getClientAuth(), ssl.getHandshakeTimeout());
		// called only for a bundle with reload-on-update, when its files change
		bundles.addBundleUpdateHandler(ssl.getBundle(), new TlsBundleReload(ssl.getBundle(), settings));
		return settings;
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
