package io.tcpgateway.tls;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.OpenSsl;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A renewed key store taken from a reloading SSL bundle while the gateway runs, with real
 * TLS client sockets: new connections get the new certificate, open ones go on with
 * theirs, and a broken file changes nothing; with the JDK's engines and with OpenSSL's.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsReloadTests {

	/** Far above the 100 ms quiet period, for slow machines. */
	private static final Duration RELOAD_WAIT = Duration.ofSeconds(20);

	private static Certificate first;

	private static Certificate renewed;

	private static SSLContext client;

	@TempDir
	Path directory;

	@BeforeAll
	static void loadCertificates() throws Exception {
		first = load("tls/server.p12").getCertificate("server");
		renewed = load("tls/server-renewed.p12").getCertificate("server");
		assertThat(first).isNotEqualTo(renewed);
		// one client for every connection, trusting both, as a client trusting the CA
		// would: it resumes sessions where the gateway lets it
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("first", first);
		trusted.setCertificateEntry("renewed", renewed);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		client = SSLContext.getInstance("TLS");
		client.init(null, trust.getTrustManagers(), null);
	}

	/** Every mode with the JDK's engines, and the NIO mode with OpenSSL's. */
	static Stream<Arguments> modes() {
		return Stream.of(Arguments.of(IoMode.NIO, TlsProvider.JDK), Arguments.of(IoMode.NET, TlsProvider.JDK),
				Arguments.of(IoMode.NIO, TlsProvider.OPENSSL));
	}

	@ParameterizedTest
	@MethodSource("modes")
	void newConnectionsGetTheRenewedCertificateWhileOpenOnesGoOn(IoMode mode, TlsProvider provider,
			CapturedOutput output) throws Exception {
		Path keyStore = install("tls/server.p12");
		try (RunningGateway gateway = start(mode, provider, keyStore); TcpTestConnection open = connect(gateway)) {
			assertThat(peerCertificate(open)).isEqualTo(first);
			assertThat(open.echoes("before")).isTrue();
			replace(keyStore, resource("tls/server-renewed.p12"));
			await().atMost(RELOAD_WAIT).until(() -> servedCertificate(gateway), renewed::equals);
			assertThat(settled(output))
				.contains("SSL bundle 'gateway' reloaded: new connections get certificate CN=localhost");
			assertThat(open.echoes("after")).isTrue();
			assertThat(peerCertificate(open)).isEqualTo(first);
			try (TcpTestConnection fresh = connect(gateway)) {
				assertThat(fresh.echoes("renewed")).isTrue();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("modes")
	void brokenReplacementKeepsTheCertificateInUseAndALaterGoodOneIsTaken(IoMode mode, TlsProvider provider,
			CapturedOutput output) throws Exception {
		Path keyStore = install("tls/server.p12");
		try (RunningGateway gateway = start(mode, provider, keyStore)) {
			replace(keyStore, "not a key store".getBytes(StandardCharsets.US_ASCII));
			await().atMost(RELOAD_WAIT)
				.until(() -> output.toString().contains("SSL bundle 'gateway' changed but cannot serve TLS"));
			try (TcpTestConnection afterBrokenFile = connect(gateway)) {
				assertThat(peerCertificate(afterBrokenFile)).isEqualTo(first);
				assertThat(afterBrokenFile.echoes("still served")).isTrue();
			}
			replace(keyStore, resource("tls/server-renewed.p12"));
			await().atMost(RELOAD_WAIT).until(() -> servedCertificate(gateway), renewed::equals);
		}
	}

	@ParameterizedTest
	@MethodSource("modes")
	void pemKeyRenewedBeforeItsCertificateIsRefusedUntilTheCertificateFollows(IoMode mode, TlsProvider provider,
			CapturedOutput output) throws Exception {
		Path certificate = install("tls/server.crt", "gateway.crt");
		Path privateKey = install("tls/server.key", "gateway.key");
		try (RunningGateway gateway = startPem(mode, provider, certificate, privateKey)) {
			assertThat(servedCertificate(gateway)).isEqualTo(first);
			replace(privateKey, resource("tls/server-renewed.key"));
			await().atMost(RELOAD_WAIT)
				.until(() -> output.toString().contains("SSL bundle 'gateway' changed but cannot serve TLS"));
			try (TcpTestConnection afterNewKey = connect(gateway)) {
				assertThat(peerCertificate(afterNewKey)).isEqualTo(first);
				assertThat(afterNewKey.echoes("old pair")).isTrue();
			}
			replace(certificate, resource("tls/server-renewed.crt"));
			await().atMost(RELOAD_WAIT).until(() -> servedCertificate(gateway), renewed::equals);
			try (TcpTestConnection afterNewCertificate = connect(gateway)) {
				assertThat(afterNewCertificate.echoes("new pair")).isTrue();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("modes")
	void tls12OnlyBundleWithOneEcdsaSuiteIsRenewed(IoMode mode, TlsProvider provider, CapturedOutput output)
			throws Exception {
		// the trial handshake's client must offer what a real client does: the
		// renewal is refused otherwise, although such clients connect
		Path keyStore = install("tls/server.p12");
		try (RunningGateway gateway = start(mode, provider, keyStore,
				"spring.ssl.bundle.jks.gateway.options.enabled-protocols=TLSv1.2",
				"spring.ssl.bundle.jks.gateway.options.ciphers=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")) {
			replace(keyStore, resource("tls/server-renewed.p12"));
			await().atMost(RELOAD_WAIT).until(() -> servedCertificate(gateway), renewed::equals);
			assertThat(settled(output)).contains("SSL bundle 'gateway' reloaded")
				.doesNotContain("SSL bundle 'gateway' changed but cannot serve TLS");
			try (TcpTestConnection fresh = connect(gateway)) {
				assertThat(fresh.echoes("renewed")).isTrue();
				SSLSession session = ((SSLSocket) fresh.socket()).getSession();
				assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
				assertThat(session.getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
			}
		}
	}

	/** Skipped, not failed, where Netty's native library cannot load. */
	private static void assumeOpenSslWhereAskedFor(TlsProvider provider) {
		if (provider == TlsProvider.OPENSSL) {
			assumeThat(OpenSsl.isAvailable()).as("%s", OpenSsl.unavailabilityCause()).isTrue();
		}
	}

	private static RunningGateway start(IoMode mode, TlsProvider provider, Path keyStore, String... more) {
		assumeOpenSslWhereAskedFor(provider);
		return RunningGateway.start(Stream
			.concat(Stream.of("spring.ssl.bundle.jks.gateway.keystore.location=" + keyStore.toUri(),
					"spring.ssl.bundle.jks.gateway.keystore.password=changeit",
					"spring.ssl.bundle.jks.gateway.keystore.type=PKCS12",
					"spring.ssl.bundle.jks.gateway.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms", "tcp-gateway.ssl.bundle=gateway",
					"tcp-gateway.io-mode=" + mode, "tcp-gateway.ssl.provider=" + provider), Stream.of(more))
			.toArray(String[]::new));
	}

	private static RunningGateway startPem(IoMode mode, TlsProvider provider, Path certificate, Path privateKey) {
		assumeOpenSslWhereAskedFor(provider);
		return RunningGateway.start("spring.ssl.bundle.pem.gateway.keystore.certificate=" + certificate.toUri(),
				"spring.ssl.bundle.pem.gateway.keystore.private-key=" + privateKey.toUri(),
				"spring.ssl.bundle.pem.gateway.reload-on-update=true",
				"spring.ssl.bundle.watch.file.quiet-period=100ms", "tcp-gateway.ssl.bundle=gateway",
				"tcp-gateway.io-mode=" + mode, "tcp-gateway.ssl.provider=" + provider);
	}

	private Path install(String resource) throws IOException {
		return install(resource, "gateway.p12");
	}

	/**
	 * @return where the gateway's bundle finds the resource
	 */
	private Path install(String resource, String fileName) throws IOException {
		Path file = Files.createDirectories(this.directory.resolve("watched")).resolve(fileName);
		Files.write(file, resource(resource));
		return file;
	}

	/**
	 * Replace the file in one step, as a renewal tool does, so the watcher never sees it
	 * half written.
	 */
	private void replace(Path target, byte[] content) throws IOException {
		Path staged = Files.createTempFile(Files.createDirectories(this.directory.resolve("staging")), "gateway",
				".p12");
		Files.write(staged, content);
		Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static TcpTestConnection connect(RunningGateway gateway) {
		return TcpTestConnection.openTls(gateway.port(), Framing.CRLF, client);
	}

	/**
	 * @return the certificate a new connection is served
	 */
	private static Certificate servedCertificate(RunningGateway gateway) throws SSLPeerUnverifiedException {
		try (TcpTestConnection probe = connect(gateway)) {
			return peerCertificate(probe);
		}
	}

	private static Certificate peerCertificate(TcpTestConnection connection) throws SSLPeerUnverifiedException {
		return ((SSLSocket) connection.socket()).getSession().getPeerCertificates()[0];
	}

	private static KeyStore load(String resource) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream input = new ByteArrayInputStream(resource(resource))) {
			store.load(input, "changeit".toCharArray());
		}
		return store;
	}

	private static byte[] resource(String resource) throws IOException {
		try (InputStream input = TlsReloadTests.class.getClassLoader().getResourceAsStream(resource)) {
			if (input == null) {
				throw new UncheckedIOException(new FileNotFoundException(resource));
			}
			return input.readAllBytes();
		}
	}

}
