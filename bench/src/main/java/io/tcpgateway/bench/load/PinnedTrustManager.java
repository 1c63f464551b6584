package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server whose certificate is one of those of a PEM file, byte for byte, and
 * within its validity; no other. The TLS 1.3 handshake itself proves that the server
 * holds the certificate's key (CertificateVerify). Cheaper per handshake than building
 * and checking a PKIX path, so that the load tool spends its CPU on the handshake the
 * server is measured by.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

	private static final X509Certificate[] NO_ISSUERS = {};

	private final List<X509Certificate> trusted;

	private PinnedTrustManager(List<X509Certificate> trusted) {
		this.trusted = trusted;
	}

	static PinnedTrustManager of(Path pem) throws IOException, GeneralSecurityException {
		List<X509Certificate> trusted;
		try (InputStream in = Files.newInputStream(pem)) {
			trusted = CertificateFactory.getInstance("X.509")
				.generateCertificates(in)
				.stream()
				.map(X509Certificate.class::cast)
				.toList();
		}
		if (trusted.isEmpty()) {
			throw new IllegalArgumentException("--tls-trust " + pem + ": no certificate in it");
		}
		return new PinnedTrustManager(trusted);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		if (chain == null || chain.length == 0) {
			throw new CertificateException("the server sent no certificate");
		}
		X509Certificate server = chain[0];
		if (!this.trusted.contains(server)) {
			throw new CertificateException(
					"the server's certificate (" + server.getSubjectX500Principal() + ") is not one of --tls-trust");
		}
		server.checkValidity();
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		checkServerTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("the load tool trusts servers only");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return NO_ISSUERS;
	}

}
