package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The load tool's TLS client: TLS 1.3 only, TLS_AES_128_GCM_SHA256 only, key exchange on
 * secp256r1 (ECDHE-P256) only, trusting only the certificates of one PEM file.
 *
 * <p>
 * Every connection gets an engine made without the server's host and port, so the JDK
 * finds no session to resume: each connection makes a full handshake (certificate, key
 * exchange), which is what the churn mode's connections per second measure.
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

	private final SSLContext context;

	private final int packetBufferSize;

	private TlsClient(SSLContext context) {
		this.context = context;
		this.packetBufferSize = newEngine().getSession().getPacketBufferSize();
	}

	/**
	 * A client that trusts the certificates of a PEM file, and no other.
	 * @param certificates the server's certificate (or its issuer's), PEM
	 */
	static TlsClient trusting(Path certificates) throws IOException, GeneralSecurityException {
		restrictNamedGroupsBeforeJava20();
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		Collection<? extends Certificate> read;
		try (InputStream in = Files.newInputStream(certificates)) {
			read = CertificateFactory.getInstance("X.509").generateCertificates(in);
		}
		if (read.isEmpty()) {
			throw new IllegalArgumentException("--tls-trust " + certificates + ": no certificate in it");
		}
		int index = 0;
		for (Certificate certificate : read) {
			trusted.setCertificateEntry("trusted-" + index++, certificate);
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance(PROTOCOL);
		context.init(null, trust.getTrustManagers(), null);
		return new TlsClient(context);
	}

	/** A client engine for one new connection, with no session to resume. */
	SSLEngine newEngine() {
		SSLEngine engine = this.context.createSSLEngine();
		engine.setUseClientMode(true);
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setProtocols(new String[] { PROTOCOL });
		parameters.setCipherSuites(new String[] { CIPHER_SUITE });
		setNamedGroupsFromJava20(parameters);
		engine.setSSLParameters(parameters);
		return engine;
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
