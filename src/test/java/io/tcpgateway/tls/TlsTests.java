package io.tcpgateway.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Lines;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.MessagingException;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * TLS on the TCP port from a Spring Boot SSL bundle, with real TLS client sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsTests {

	private static final String[] BUNDLE = { "spring.ssl.bundle.jks.gateway.keystore.location=classpath:tls/server.p12",
			"spring.ssl.bundle.jks.gateway.keystore.password=changeit",
			"spring.ssl.bundle.jks.gateway.keystore.type=PKCS12",
			"spring.ssl.bundle.jks.gateway.truststore.location=classpath:tls/server-trust.p12",
			"spring.ssl.bundle.jks.gateway.truststore.password=changeit",
			"spring.ssl.bundle.jks.gateway.truststore.type=PKCS12", "tcp-gateway.ssl.bundle=gateway" };

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void echoesOverTlsInOrder(IoMode mode) throws Exception {
		try (RunningGateway gateway = start(mode, "tcp-gateway.ssl.client-auth=none");
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(false))) {
			assertThat(client.echoes("secret")).isTrue();
			client.sendRaw(Lines.numbered(0, 1000));
			for (int i = 0; i < 1000; i++) {
				assertThat(client.receiveString()).isEqualTo("line-" + i);
			}
			byte[] large = new byte[50_000];
			java.util.Arrays.fill(large, (byte) 'q');
			client.send(large);
			assertThat(client.receive()).isEqualTo(large);
		}
	}

	@Test
	void connectionsOnThreeEventLoopsEchoOverTlsInOrder() throws Exception {
		try (RunningGateway gateway = start(IoMode.NIO, "tcp-gateway.ssl.client-auth=none",
				"tcp-gateway.selector.event-loops=3")) {
			java.util.List<TcpTestConnection> clients = new java.util.ArrayList<>();
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
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void mutualTlsAcceptsAClientWithACertificateAndRejectsOneWithout(IoMode mode) throws Exception {
		try (RunningGateway gateway = start(mode, "tcp-gateway.ssl.client-auth=need")) {
			try (TcpTestConnection withCertificate = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
					TlsClients.clientContext(true))) {
				assertThat(withCertificate.echoes("trusted")).isTrue();
			}
			assertThatException().isThrownBy(() -> {
				try (TcpTestConnection without = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(false))) {
					// TLS 1.3 reports a missing certificate on the first read, not in the
					// handshake
					without.send("let me in");
					without.receive();
				}
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void mutualTlsRejectsACertificateFromACaItDoesNotTrust(IoMode mode) throws Exception {
		try (RunningGateway gateway = start(mode, "tcp-gateway.ssl.client-auth=need")) {
			assertUntrustedCertificateRefused(gateway);
		}
	}

	/**
	 * A client presenting a certificate the bundle's trust store does not vouch for is
	 * refused before anything it sends reaches the flow, and the next client is served.
	 */
	static void assertUntrustedCertificateRefused(RunningGateway gateway) throws Exception {
		MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
		AtomicInteger presented = new AtomicInteger();
		assertThatException().isThrownBy(() -> {
			try (TcpTestConnection untrusted = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
					TlsClients.presentingAnyway("server-renewed.p12", presented))) {
				// TLS 1.3 reports the refusal on the first read, not in the handshake
				untrusted.send("let me in");
				untrusted.receive();
			}
		});
		assertThat(presented).as("the client was asked for its certificate and presented it").hasPositiveValue();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
		assertThat(Meters.count(meters, GatewayMeters.MESSAGES_RECEIVED)).isZero();
		try (TcpTestConnection trusted = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
				TlsClients.clientContext(true))) {
			assertThat(trusted.echoes("trusted")).isTrue();
		}
		assertThat(Meters.count(meters, GatewayMeters.MESSAGES_RECEIVED)).isOne();
		assertThat(gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls")).isOne();
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void plainClientThatNeverCompletesTheHandshakeIsClosedAfterTheHandshakeTimeout(IoMode mode) {
		try (RunningGateway gateway = start(mode, "tcp-gateway.ssl.handshake-timeout=300ms");
				TcpTestConnection plain = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(plain.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls") == 1);
		}
	}

	@Test
	void clientInitiatedRenegotiationClosesTheConnection(CapturedOutput output) throws Exception {
		try (RunningGateway gateway = start(IoMode.NIO);
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext("TLSv1.2"))) {
			assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.2");
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
			assertThat(settled(output)).contains("TLS failed: client-initiated TLS renegotiation refused");
		}
	}

	@Test
	void tls13KeyUpdateFromTheClientIsNotRenegotiation() throws Exception {
		try (RunningGateway gateway = start(IoMode.NIO);
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
	void repliesPushedToAClientStuckInTheHandshakeCountAgainstMaxPending() {
		try (RunningGateway gateway = start(IoMode.NIO, "tcp-gateway.outbound.max-pending=64KB",
				"tcp-gateway.ssl.handshake-timeout=1m");
				TcpTestConnection stuck = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> connections.live().size() == 1);
			Connection connection = connections.live().iterator().next();
			byte[] reply = new byte[1024];
			int pushed = 0;
			try {
				// 10 MB if nothing stopped it: each reply waits for a handshake that
				// never comes
				while (pushed < 10_000) {
					connection.sendReply(reply);
					pushed++;
				}
			}
			catch (MessagingException closed) {
				// the connection was closed under the pushes
			}
			assertThat(pushed).isLessThan(1000);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "slow-consumer") == 1);
			assertThat(stuck.awaitClosed()).isTrue();
			assertThat(gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "tls")).isZero();
		}
	}

	@Test
	void repliesPushedFromSeveralThreadsPastMaxPendingAreAllGivenBackToTheBudgetOnceClosed() {
		ExecutorService pushers = Executors.newFixedThreadPool(4);
		try (RunningGateway gateway = start(IoMode.NIO, "tcp-gateway.outbound.max-pending=64KB",
				"tcp-gateway.ssl.handshake-timeout=1m");
				TcpTestConnection stuck = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			MemoryBudget budget = gateway.context().getBean(MemoryBudgets.class).outbound();
			await().atMost(Duration.ofSeconds(10)).until(() -> connections.live().size() == 1);
			Connection connection = connections.live().iterator().next();
			// the pushers race the close: what they hand over meanwhile is dropped
			List<CompletableFuture<Integer>> pushed = IntStream.range(0, 4)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> pushUntilClosed(connection), pushers))
				.toList();
			assertThat(pushed).allSatisfy((count) -> assertThat(count.join()).isLessThan(1000));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.counter(GatewayMeters.CONNECTIONS_CLOSED, "slow-consumer") == 1);
			assertThat(stuck.awaitClosed()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> budget.held() == 0);
			assertThat(connection.pendingBytes()).isZero();
		}
		finally {
			pushers.shutdownNow();
		}
	}

	/**
	 * @return the replies pushed before the connection was found closed, at most 10,000
	 */
	private static int pushUntilClosed(Connection connection) {
		byte[] reply = new byte[1024];
		int pushed = 0;
		try {
			while (pushed < 10_000) {
				connection.sendReply(reply);
				pushed++;
			}
		}
		catch (MessagingException closed) {
			// closed under the pushes
		}
		return pushed;
	}

	@Test
	void connectionClosedFromAnotherThreadEndsWithCloseNotify() throws Exception {
		try (RunningGateway gateway = start(IoMode.NIO, "tcp-gateway.ssl.client-auth=none");
				Socket raw = TlsClients.connect(gateway.port());
				SSLSocket client = TlsClients.layer(raw, TlsClients.clientContext(false))) {
			byte[] line = TlsClients.sendLine(client, "before the close");
			assertThat(client.getInputStream().readNBytes(line.length)).isEqualTo(line);
			Connection connection = gateway.context().getBean(ConnectionRegistry.class).live().iterator().next();
			connection.close(CloseReason.ADMIN, CloseMode.NOW);
			// read below the TLS layer, which has taken every record up to the echo: one
			// more record, the close_notify alert (an alert record in TLS 1.2, wrapped as
			// application data in TLS 1.3), and then the end of the stream
			byte[] rest = raw.getInputStream().readAllBytes();
			assertThat(rest).isNotEmpty();
			assertThat(rest[0]).isIn((byte) 0x15, (byte) 0x17);
		}
	}

	@Test
	void replyPushedBeforeTheHandshakeIsDeliveredAfterItAndNoLongerCountedAsWaiting() throws Exception {
		try (RunningGateway gateway = start(IoMode.NIO);
				SSLSocket client = TlsClients.open(gateway.port(), TlsClients.clientContext(false))) {
			ConnectionRegistry connections = gateway.context().getBean(ConnectionRegistry.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> connections.live().size() == 1);
			Connection connection = connections.live().iterator().next();
			connection.sendReply("early".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.pendingBytes()).isEqualTo("early\r\n".length());
			// the first read runs the handshake
			assertThat(new String(client.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
				.isEqualTo("early\r\n");
			await().atMost(Duration.ofSeconds(10)).until(() -> connection.pendingBytes() == 0);
		}
	}

	@Test
	void unknownBundleFailsStartupNamingTheProperty() {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.ssl.bundle=missing"))
			.satisfies(ex -> assertThat(ex).hasStackTraceContaining("tcp-gateway.ssl.bundle"));
	}

	@ParameterizedTest
	@EnumSource(value = ClientAuth.class, names = { "WANT", "NEED" })
	void clientAuthWithoutATrustStoreFailsStartupNamingTheProperties(ClientAuth clientAuth, CapturedOutput output) {
		// a key store alone: the JDK's public CAs would vouch for client certificates
		assertThatException().isThrownBy(() -> RunningGateway.start(BUNDLE[0], BUNDLE[1], BUNDLE[2],
				"tcp-gateway.ssl.bundle=gateway", "tcp-gateway.ssl.client-auth=" + clientAuth));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.ssl.client-auth")
			.contains("spring.ssl.bundle.jks.gateway.truststore.location");
	}

	static RunningGateway start(IoMode mode, String... properties) {
		String[] all = new String[BUNDLE.length + properties.length + 1];
		System.arraycopy(BUNDLE, 0, all, 0, BUNDLE.length);
		System.arraycopy(properties, 0, all, BUNDLE.length, properties.length);
		all[all.length - 1] = "tcp-gateway.io-mode=" + mode;
		return RunningGateway.start(all);
	}

}
