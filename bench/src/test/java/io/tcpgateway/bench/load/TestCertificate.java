package io.tcpgateway.bench.load;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed EC P-256 certificate for CN=localhost, IP 127.0.0.1, made by the JDK's
 * keytool and written as PEM files: the certificate and its PKCS#8 private key, as
 * bench/compare.sh makes them with openssl.
 */
final class TestCertificate {

	private static final char[] PASSWORD = "bench-test".toCharArray();

	private final Path certificate;

	private final Path privateKey;

	private final KeyStore keyStore;

	private TestCertificate(Path certificate, Path privateKey, KeyStore keyStore) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.keyStore = keyStore;
	}

	static TestCertificate create(Path directory, String name) throws Exception {
		Path store = directory.resolve(name + ".p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
				"SHA256withECDSA", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype",
				"PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, PASSWORD);
		}
		Certificate certificate = keyStore.getCertificate("server");
		PrivateKey key = (PrivateKey) keyStore.getKey("server", PASSWORD);
		Path certificateFile = Files.writeString(directory.resolve(name + "-cert.pem"),
				pem("CERTIFICATE", certificate.getEncoded()));
		Path keyFile = Files.writeString(directory.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
		return new TestCertificate(certificateFile, keyFile, keyStore);
	}

	private static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	Path certificate() {
		return this.certificate;
	}

	Path privateKey() {
		return this.privateKey;
	}

	/** A server context presenting this certificate, for the JDK's TLS sockets. */
	SSLContext serverContext() throws Exception {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(this.keyStore, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

}
