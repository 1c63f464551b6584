package io.tcpgateway.bench.load;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

/**
 * The load tool's TLS client: TLS 1.3 only, TLS_AES_128_GCM_SHA256 only, key exchange on
 * secp256r1 (ECDHE-P256) only, trusting only the certificates of one PEM file
 * ({@link PinnedTrustManager}); the engine of the JDK or of OpenSSL (BoringSSL, through
 * Netty's tcnative), both plain {@link SSLEngine}s to {@link TlsWire}.
 *
 * <p>
 * Every connection gets an engine made without the server's host and port, so neither
 * engine finds a session to resume: each connection makes a full handshake (certificate,
 * key exchange), which is what the churn mode's connections per second measure.
 */
final class TlsClient {

	static final String PROTOCOL = "TLSv1.3";

	static final String CIPHER_SUITE = "TLS_AES_128_GCM_SHA256";

	static final String NAMED_GROUP = "secp256r1";

	/**
	 * The JDK reads it once, when its TLS classes initialise; before Java 20 the only
	 * way.
	 */
	private static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

	private final Supplier<SSLEngine> engines;

	private final int packetBufferSize;

	private TlsClient(Supplier<SSLEngine> engines) {
		this.engines = engines;
		SSLEngine engine = engines.get();
		this.packetBufferSize = engine.getSession().getPacketBufferSize();
		release(engine);
	}

	/**
	 * A client that trusts the certificates of a PEM file, and no other.
	 * @param certificates the server's certificate, PEM
	 * @param engine {@code openssl} or {@code jdk}
	 */
	static TlsClient trusting(Path certificates, String engine) throws IOException, GeneralSecurityException {
		PinnedTrustManager trust = PinnedTrustManager.of(certificates);
		switch (engine.toLowerCase(Locale.ROOT)) {
			case "jdk":
				return new TlsClient(jdkEngines(trust));
			case "openssl":
				return new TlsClient(openSslEngines(trust));
			default:
				throw new IllegalArgumentException("--tls-engine " + engine + ": jdk or openssl");
		}
	}

	private static Supplier<SSLEngine> jdkEngines(PinnedTrustManager trust) throws GeneralSecurityException {
		restrictNamedGroupsBeforeJava20();
		SSLContext context = SSLContext.getInstance(PROTOCOL);
		context.init(null, new TrustManager[] { trust }, null);
		return () -> {
			SSLEngine engine = context.createSSLEngine();
			engine.setUseClientMode(true);
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setProtocols(new String[] { PROTOCOL });
			parameters.setCipherSuites(new String[] { CIPHER_SUITE });
			setNamedGroupsFromJava20(parameters);
			engine.setSSLParameters(parameters);
			return engine;
		};
	}

	private static Supplier<SSLEngine> openSslEngines(PinnedTrustManager trust) throws IOException {
		if (!OpenSsl.isAvailable()) {
			throw new IOException("--tls-engine openssl: OpenSSL (netty-tcnative-boringssl-static) is not available "
					+ "here (" + OpenSsl.unavailabilityCause() + "); --tls-engine jdk uses the JDK's");
		}
		SslContext context = SslContextBuilder.forClient()
			.sslProvider(SslProvider.OPENSSL)
			.trustManager(trust)
			.protocols(PROTOCOL)
			.ciphers(List.of(CIPHER_SUITE))
			.option(OpenSslContextOption.GROUPS, new String[] { "P-256" })
			.build();
		return () -> context.newEngine(ByteBufAllocator.DEFAULT);
	}

	/** A client engine for one new connection, with no session to resume. */
	SSLEngine newEngine() {
		return this.engines.get();
	}

	/**
	 * Free an engine's native state now (OpenSSL's), rather than when it is collected.
	 */
	void release(SSLEngine engine) {
		ReferenceCountUtil.release(engine);
	}

	int packetBufferSize() {
		return this.packetBufferSize;
	}

	/** A new wire for connections of this client. */
	Wire newWire() {
		return new TlsWire(this);
	}

	private static void restrictNamedGroupsBeforeJava20() {
		if (Runtime.version().feature() < 20 && System.getProperty(NAMED_GROUPS_PROPERTY) == null) {
			System.setProperty(NAMED_GROUPS_PROPERTY, NAMED_GROUP);
		}
	}

	/**
	 * {@code SSLParameters.setNamedGroups} exists from Java 20 on; the tool runs on 17.
	 */
	private static void setNamedGroupsFromJava20(SSLParameters parameters) {
		if (Runtime.version().feature() < 20) {
			return;
		}
		try {
			Method setter = SSLParameters.class.getMethod("setNamedGroups", String[].class);
			setter.invoke(parameters, (Object) new String[] { NAMED_GROUP });
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot restrict the TLS named groups to " + NAMED_GROUP, ex);
		}
	}

}
