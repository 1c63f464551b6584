package io.tcpgateway.forward.http;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Finds the SSL bundle {@code tcp-gateway.forward.http.ssl.bundle} names, failing startup
 * naming the property when there is none of that name.
 */
final class ForwardHttpSslBundle {

	static final String PROPERTY = "tcp-gateway.forward.http.ssl.bundle";

	private ForwardHttpSslBundle() {
	}

	/**
	 * @return the bundle, or {@code null} when none is named
	 */
	static @Nullable SslBundle find(@Nullable String name, ObjectProvider<SslBundles> sslBundles) {
		if (name == null) {
			return null;
		}
		try {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new NoSuchSslBundleException(name, "no SSL bundles are configured");
			}
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, name,
					"No SSL bundle of that name; define it under spring.ssl.bundle.jks." + name
							+ " or spring.ssl.bundle.pem." + name);
		}
	}

}
