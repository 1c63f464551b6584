package io.tcpgateway.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * JDK TLS clients of a gateway whose SSL bundle is {@code tls/server.p12} (see
 * {@link TestCertificates}): contexts that trust it, with or without the client
 * certificate {@code server-trust.p12} vouches for, and sockets over real connections.
 */
public final class TlsClients {

	private static final String PASSWORD = "changeit";

	/** As long as any wait of a test, so that a silent gateway fails the test. */
	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private TlsClients() {
	}

	/**
	 * @param protocol the protocol of {@link SSLContext#getInstance}, such as
	 * {@code TLSv1.2}, or {@code TLS} for any
	 * @return a client without a certificate that speaks only the given protocol
	 */
	public static SSLContext clientContext(String protocol) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance(protocol);
		context.init(null, trustManagerFactory("client-trust.p12").getTrustManagers(), null);
		return context;
	}

	/**
	 * @param withCertificate whether the client presents {@code client.p12}, which the
	 * gateway's trust store vouches for
	 */
	public static SSLContext clientContext(boolean withCertificate) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(withCertificate ? keyManagerFactory("client.p12").getKeyManagers() : null,
				trustManagerFactory("client-trust.p12").getTrustManagers(), null);
		return context;
	}

	/**
	 * A client that presents the certificate of the key store whatever CAs the server
	 * names (the JDK's own choice would send none from a CA the server does not name).
	 * @param keyStore a key store under {@code tls/} the gateway's trust store does not
	 * vouch for, such as {@code server-renewed.p12}
	 * @param presented counts the times the client was asked for its certificate and
	 * offered it
	 */
	public static SSLContext presentingAnyway(String keyStore, AtomicInteger presented)
			throws GeneralSecurityException {
		X509ExtendedKeyManager keys = (X509ExtendedKeyManager) keyManagerFactory(keyStore).getKeyManagers()[0];
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new KeyManager[] { new AnyIssuerKeyManager(keys, presented) },
				trustManagerFactory("client-trust.p12").getTrustManagers(), null);
		return context;
	}

	/**
	 * @param keyStore a key store under {@code tls/} whose key entry the gateway serves
	 * @param protocol the protocol of {@link SSLContext#getInstance}
	 * @return a client without a certificate that trusts the key store's own certificate
	 */
	public static SSLContext trustingKeyStore(String keyStore, String protocol) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance(protocol);
		context.init(null, trustManagerFactory(keyStore).getTrustManagers(), null);
		return context;
	}

	/**
	 * @return a plain socket connected to the gateway on {@code 127.0.0.1}, with a read
	 * timeout, for TLS to be {@linkplain #layer layered} over
	 */
	public static Socket connect(int port) throws IOException {
		Socket raw = new Socket("127.0.0.1", port);
		raw.setSoTimeout(READ_TIMEOUT_MILLIS);
		return raw;
	}

	/**
	 * @return a TLS socket over the connected socket, which closing it leaves open; the
	 * handshake starts with the first read or write
	 */
	public static SSLSocket layer(Socket raw, SSLContext context) throws IOException {
		return (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), false);
	}

	/**
	 * @return a TLS socket connected to the gateway, with a read timeout; the handshake
	 * starts with the first read or write
	 */
	public static SSLSocket open(int port, SSLContext context) throws IOException {
		SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
		client.setSoTimeout(READ_TIMEOUT_MILLIS);
		return client;
	}

	/**
	 * Write one CRLF line, which the gateway's default framing echoes.
	 * @return the bytes written
	 */
	public static byte[] sendLine(Socket client, String text) throws IOException {
		byte[] line = (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
		client.getOutputStream().write(line);
		client.getOutputStream().flush();
		return line;
	}

	private static TrustManagerFactory trustManagerFactory(String trustStore) throws GeneralSecurityException {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(TestCertificates.load(trustStore));
		return trust;
	}

	private static KeyManagerFactory keyManagerFactory(String keyStore) throws GeneralSecurityException {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(TestCertificates.load(keyStore), PASSWORD.toCharArray());
		return keys;
	}

	/**
	 * Offers the key store's first key entry to any server that asks for a certificate.
	 */
	private static final class AnyIssuerKeyManager extends X509ExtendedKeyManager {

		private final X509ExtendedKeyManager keys;

		private final AtomicInteger presented;

		AnyIssuerKeyManager(X509ExtendedKeyManager keys, AtomicInteger presented) {
			this.keys = keys;
			this.presented = presented;
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			return present(keyTypes);
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			return present(keyTypes);
		}

		/** The first alias of a key type the server accepts, whoever issued it. */
		private String present(String[] keyTypes) {
			for (String keyType : keyTypes) {
				String[] aliases = this.keys.getClientAliases(keyType, null);
				if (aliases != null && aliases.length > 0) {
					this.presented.incrementAndGet();
					return aliases[0];
				}
			}
			return null;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return this.keys.getClientAliases(keyType, null);
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return this.keys.getServerAliases(keyType, issuers);
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return this.keys.chooseServerAlias(keyType, issuers, socket);
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.keys.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.keys.getPrivateKey(alias);
		}

	}

}
