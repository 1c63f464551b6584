package io.tcpgateway.bench.netty;

import java.io.File;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The echo server's TLS, as the load tool's {@code --tls} speaks it: TLS 1.3 only,
 * TLS_AES_128_GCM_SHA256 only, key exchange on P-256 only, with the JDK's engine or with
 * OpenSSL (BoringSSL, from netty-tcnative-boringssl-static).
 */
final class NettyTls {

	static final String PROTOCOL = "TLSv1.3";

	static final String CIPHER_SUITE = "TLS_AES_128_GCM_SHA256";

	/**
	 * The JDK reads it once, when its TLS classes initialise; before Java 20 the only
	 * way.
	 */
	private static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

	private NettyTls() {
	}

	/**
	 * A server context.
	 * @param certificate PEM certificate chain
	 * @param privateKey PEM private key, PKCS#8
	 * @param provider {@code jdk} or {@code openssl}
	 */
	static SslContext serverContext(File certificate, File privateKey, String provider) throws SSLException {
		SslProvider sslProvider = provider(provider);
		SslContextBuilder builder = SslContextBuilder.forServer(certificate, privateKey)
			.sslProvider(sslProvider)
			.protocols(PROTOCOL)
			.ciphers(List.of(CIPHER_SUITE));
		if (sslProvider == SslProvider.OPENSSL) {
			builder.option(OpenSslContextOption.GROUPS, new String[] { "P-256" });
		}
		else if (System.getProperty(NAMED_GROUPS_PROPERTY) == null) {
			System.setProperty(NAMED_GROUPS_PROPERTY, "secp256r1");
		}
		return builder.build();
	}

	private static SslProvider provider(String name) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "jdk":
				return SslProvider.JDK;
			case "openssl":
				if (!OpenSsl.isAvailable()) {
					throw new IllegalStateException(
							"--tls-provider openssl: OpenSSL (netty-tcnative-boringssl-static) is not available here",
							OpenSsl.unavailabilityCause());
				}
				return SslProvider.OPENSSL;
			default:
				throw new IllegalArgumentException("--tls-provider " + name + ": jdk or openssl");
		}
	}

}
