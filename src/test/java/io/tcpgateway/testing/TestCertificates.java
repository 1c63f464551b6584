package io.tcpgateway.testing;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The test key material under {@code src/test/resources/tls} (see its README), for
 * servers the gateway connects to over TLS and the SSL bundles it connects with:
 * {@code server.p12} is {@code localhost} and {@code 127.0.0.1}, which
 * {@code client-trust.p12} trusts; {@code server-renewed.p12} has the same names but a
 * key no trust store here vouches for; {@code client.p12} is {@code test-client}, a name
 * no server has, which {@code server-trust.p12} trusts.
 */
public final class TestCertificates {

	private static final String PASSWORD = "changeit";

	private TestCertificates() {
	}

	/**
	 * @param keyStore a key store under {@code tls/}, such as {@code server.p12}
	 * @return a context for a server that presents that key store's certificate
	 */
	public static SSLContext serverContext(String keyStore) {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(keyStore), PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param name the bundle's name
	 * @param trustStore a trust store under {@code tls/}, such as
	 * {@code client-trust.p12}
	 * @return the properties of an SSL bundle of that name with that trust store
	 */
	public static List<String> trustBundle(String name, String trustStore) {
		String prefix = "spring.ssl.bundle.jks." + name + ".truststore.";
		return List.of(prefix + "location=classpath:tls/" + trustStore, prefix + "password=" + PASSWORD,
				prefix + "type=PKCS12");
	}

	/**
	 * @return the PKCS12 store under {@code tls/}, opened with the test password
	 */
	static KeyStore load(String resource) throws GeneralSecurityException {
		try (InputStream input = TestCertificates.class.getClassLoader().getResourceAsStream("tls/" + resource)) {
			if (input == null) {
				throw new FileNotFoundException("tls/" + resource);
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(input, PASSWORD.toCharArray());
			return store;
		}
		catch (java.io.IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
