package io.tcpgateway.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.OpenSsl;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Lines;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TlsClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener's TLS with {@code tcp-gateway.ssl.provider=openssl}, with real JDK TLS
 * client sockets: what {@link TlsTests} proves of the JDK's engines holds for OpenSSL's.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenSslListenerTests {

	private static final String OPENSSL = "tcp-gateway.ssl.provider=openssl";

	@BeforeAll
	static void openSslLoads() {
		// the test's class path has the Linux libraries the runnable jar ships
		assumeThat(OpenSsl.isAvailable()).as("%s", OpenSsl.unavailabilityCause()).isTrue();
	}

	@Test
	void echoesOverTlsInOrderOnThreeEventLoops() throws Exception {
		try (RunningGateway gateway = start(OPENSSL, "tcp-gateway.selector.event-loops=3")) {
			List<TcpTestConnection> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 6; i++) {
					TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
							TlsClients.clientContext(false));
					clients.add(client);
					client.sendRaw(Lines.numbered(0, 500));
				}
				for (TcpTestConnection client : clients) {
					for (int i = 0; i < 500; i++) {
						assertThat(client.receiveString()).isEqualTo("line-" + i);
					}
				}
				// larger than one TLS record both ways
				byte[] large = new byte[50_000];
				Arrays.fill(large, (byte) 'q');
				clients.get(0).send(large);
				assertThat(clients.get(0).receive()).isEqualTo(large);
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
		}
	}

	@Test
	void startupLineNamesTheProvider(CapturedOutput output) {
		try (RunningGateway gateway = start(OPENSSL)) {
			assertThat(settled(output)).contains("tls bundle gateway (openssl))");
		}
		try (RunningGateway gateway = start()) {
			assertThat(settled(output)).contains("tls bundle gateway (jdk))");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void clientsSeeTheSameProtocolAndCipherAsFromTheJdk(String protocol) throws Exception {
		SSLSession jdk;
		try (RunningGateway gateway = start();
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(protocol))) {
			assertThat(client.echoes("jdk")).isTrue();
			jdk = ((SSLSocket) client.socket()).getSession();
		}
		try (RunningGateway gateway = start(OPENSSL);
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(protocol))) {
			assertThat(client.echoes("openssl")).isTrue();
			SSLSession openSsl = ((SSLSocket) client.socket()).getSession();
			assertThat(openSsl.getProtocol()).isEqualTo(protocol).isEqualTo(jdk.getProtocol());
			assertThat(openSsl.getCipherSuite()).isEqualTo(jdk.getCipherSuite());
			assertThat(openSsl.getPeerCertificates()).containsExactly(jdk.getPeerCertificates());
		}
	}

	@Test
	void defaultCiphersRefuseAClientOfferingOnlyRsaKeyExchange() throws Exception {
		// RSA key exchange needs an RSA key: with one, the suites Netty enables by
		// default
		// would take it
		try (RunningGateway gateway = RunningGateway.start(OPENSSL,
				"spring.ssl.bundle.jks.rsa.keystore.location=classpath:tls/server-rsa.p12",
				"spring.ssl.bundle.jks.rsa.keystore.password=changeit",
				"spring.ssl.bundle.jks.rsa.keystore.type=PKCS12", "tcp-gateway.ssl.bundle=rsa")) {
			assertThat(handshake(gateway, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
				.isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
			assertThatException().isThrownBy(() -> handshake(gateway, "TLS_RSA_WITH_AES_128_GCM_SHA256"))
				.isInstanceOf(SSLHandshakeException.class);
		}
	}

	/** A TLS 1.2 client, trusting the RSA key, that offers only the given suite. */
	private static String handshake(RunningGateway gateway, String cipher) throws Exception {
		try (SSLSocket client = TlsClients.open(gateway.port(),
				TlsClients.trustingKeyStore("server-rsa.p12", "TLSv1.2"))) {
			client.setEnabledCipherSuites(new String[] { cipher });
			client.startHandshake();
			return client.getSession().getCipherSuite();
		}
	}

	@Test
	void cipherListsOpenSslHonoursAreServed() throws Exception {
		try (RunningGateway gateway = start(OPENSSL,
				"spring.ssl.bundle.jks.gateway.options.ciphers=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,"
						+ "TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext("TLSv1.2"))) {
			assertThat(client.echoes("chacha")).isTrue();
			assertThat(((SSLSocket) client.socket()).getSession().getCipherSuite())
				.isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
		}
		try (RunningGateway gateway = start(OPENSSL, "spring.ssl.bundle.jks.gateway.options.enabled-protocols=TLSv1.2",
				"spring.ssl.bundle.jks.gateway.options.ciphers=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext("TLS"))) {
			assertThat(client.echoes("tls 1.2 only")).isTrue();
			assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.2");
		}
	}

	@Test
	void mutualTlsAcceptsAClientWithACertificateAndRejectsOneWithout() throws Exception {
		try (RunningGateway gateway = start(OPENSSL, "tcp-gateway.ssl.client-auth=need")) {
			try (TcpTestConnection withCertificate = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
					TlsClients.clientContext(true))) {
				assertThat(withCertificate.echoes("trusted")).isTrue();
			}
			assertThatException().isThrownBy(() -> {
				try (TcpTestConnection without = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(false))) {
					// TLS 1.3 reports a missing certificate on the first read
					without.send("let me in");
					without.receive();
				}
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
		}
	}

	@Test
	void mutualTlsRejectsACertificateFromACaItDoesNotTrust() throws Exception {
		try (RunningGateway gateway = start(OPENSSL, "tcp-gateway.ssl.client-auth=need")) {
			TlsTests.assertUntrustedCertificateRefused(gateway);
		}
	}

	@Test
	void wantedClientCertificateIsTakenWhenGivenAndNotRequired() throws Exception {
		try (RunningGateway gateway = start(OPENSSL, "tcp-gateway.ssl.client-auth=want");
				TcpTestConnection withCertificate = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(true));
				TcpTestConnection without = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(false))) {
			assertThat(withCertificate.echoes("with")).isTrue();
			assertThat(without.echoes("without")).isTrue();
			assertThat(((SSLSocket) withCertificate.socket()).getSession().getLocalCertificates()).isNotEmpty();
			assertThat(gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls")).isZero();
		}
	}

	@Test
	void plainClientThatNeverCompletesTheHandshakeIsClosedAfterTheHandshakeTimeout() {
		try (RunningGateway gateway = start(OPENSSL, "tcp-gateway.ssl.handshake-timeout=300ms");
				TcpTestConnection plain = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(plain.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
		}
	}

	@Test
	void plaintextSentToTheTlsPortClosesTheConnectionAsATlsFailure() {
		try (RunningGateway gateway = start(OPENSSL);
				TcpTestConnection plain = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			plain.send("GET / HTTP/1.0");
			assertThat(plain.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
		}
	}

	@Test
	void tls13KeyUpdateFromTheClientIsNotRenegotiation() throws Exception {
		try (RunningGateway gateway = start(OPENSSL);
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext("TLSv1.3"))) {
			assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
			assertThat(client.echoes("before")).isTrue();
			// on TLS 1.3 the JDK sends a KeyUpdate instead of a new handshake
			((SSLSocket) client.socket()).startHandshake();
			assertThat(client.echoes("after the key update")).isTrue();
			((SSLSocket) client.socket()).startHandshake();
			assertThat(client.echoes("after another")).isTrue();
			assertThat(gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls")).isZero();
		}
	}

	@Test
	void clientInitiatedRenegotiationClosesTheConnection(CapturedOutput output) throws Exception {
		try (RunningGateway gateway = start(OPENSSL);
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext("TLSv1.2"))) {
			assertThat(client.echoes("before")).isTrue();
			try {
				((SSLSocket) client.socket()).startHandshake();
				client.send("after");
			}
			catch (IOException | UncheckedIOException refusedAlready) {
				// the gateway may close before the client has finished sending
			}
			assertThat(client.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
			assertThat(settled(output)).contains("TLS failed: ");
		}
	}

	@Test
	void connectionClosedFromAnotherThreadEndsWithCloseNotify() throws Exception {
		try (RunningGateway gateway = start(OPENSSL);
				Socket raw = TlsClients.connect(gateway.port());
				SSLSocket client = TlsClients.layer(raw, TlsClients.clientContext(false))) {
			byte[] line = TlsClients.sendLine(client, "before the close");
			assertThat(client.getInputStream().readNBytes(line.length)).isEqualTo(line);
			Connection connection = gateway.context().getBean(ConnectionRegistry.class).live().iterator().next();
			connection.close(CloseReason.ADMIN, CloseMode.NOW);
			// below the TLS layer: the close_notify alert record (wrapped as application
			// data in TLS 1.3), then the end of the stream
			byte[] rest = raw.getInputStream().readAllBytes();
			assertThat(rest).isNotEmpty();
			assertThat(rest[0]).isIn((byte) 0x15, (byte) 0x17);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void replyPushedBeforeTheHandshakeIsDeliveredAfterIt(String protocol) throws Exception {
		try (RunningGateway gateway = start(OPENSSL);
				SSLSocket client = TlsClients.open(gateway.port(), TlsClients.clientContext(protocol))) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> connections.live().size() == 1);
			Connection connection = connections.live().iterator().next();
			connection.sendReply("early".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.pendingBytes()).isEqualTo("early\r\n".length());
			assertThat(new String(client.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
				.isEqualTo("early\r\n");
			await().atMost(Duration.ofSeconds(10)).until(() -> connection.pendingBytes() == 0);
		}
	}

	private static RunningGateway start(String... properties) {
		return TlsTests.start(IoMode.NIO, properties);
	}

}
