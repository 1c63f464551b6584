package io.tcpgateway.server;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Finds the Spring Boot SSL bundle a {@code tcp-gateway.*.ssl.bundle} property names,
 * failing startup naming that property when there is none of that name: the listener's
 * and each bridge's bundle are looked up the same way.
 */
public final class NamedSslBundles {

	private NamedSslBundles() {
	}

	/**
	 * @param bundles the application's bundles, {@code null} when it configures none
	 * @param property the property that names the bundle, for the startup failure
	 * @param name the bundle's name
	 * @return the bundle
	 * @throws InvalidConfigurationPropertyValueException when there is no bundle of that
	 * name
	 */
	public static SslBundle get(@Nullable SslBundles bundles, String property, String name) {
		try {
			if (bundles == null) {
				throw new NoSuchSslBundleException(name, "no SSL bundles are configured");
			}
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No SSL bundle of that name; define it under spring.ssl.bundle.jks." + name
							+ " or spring.ssl.bundle.pem." + name);
		}
	}

}
