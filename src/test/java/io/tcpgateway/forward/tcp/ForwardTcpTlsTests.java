package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSocket;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * TLS to the upstream from an SSL bundle ({@code tcp-gateway.forward.tcp.ssl.bundle}),
 * against a real TLS server, in both modes: frames go through; an upstream whose
 * certificate the bundle does not trust, or whose certificate is not the server name's
 * while hostname verification is on (an IP host without a server name included), is
 * refused as a failed connection attempt (clients closed per connection, requests failed
 * in shared mode, counted as {@code connect}); the server name goes as SNI;
 * misconfiguration fails startup naming the property.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class ForwardTcpTlsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void perConnectionFramesGoThroughOverTls() {
		try (ScriptedUpstream upstream = tlsUpstream("server.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection other = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("one", "two", "three");
			assertThat(List.of(client.receiveString(), client.receiveString(), client.receiveString()))
				.containsExactly("up:one", "up:two", "up:three");
			assertThat(other.send("other").receiveString()).isEqualTo("up:other");
			assertThat(upstream.peers()).hasSize(2);
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "connect")).isZero();
		}
	}

	@Test
	void sharedModeFramesGoThroughOverTlsInOrder() {
		try (ScriptedUpstream upstream = tlsUpstream("server.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12", "tcp-gateway.forward.tcp.mode=shared",
						"tcp-gateway.forward.tcp.pool-size=2");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			UpstreamClient upstreamClient = gateway.context().getBean(UpstreamClient.class);
			await().atMost(WAIT).until(() -> upstreamClient.openConnections() == 2);
			String[] frames = new String[50];
			for (int i = 0; i < frames.length; i++) {
				frames[i] = "frame-" + i;
			}
			client.pipeline(frames);
			for (String frame : frames) {
				assertThat(client.receiveString()).isEqualTo("up:" + frame);
			}
			assertThat(upstream.peers()).hasSize(2);
		}
	}

	@Test
	void perConnectionUpstreamWhoseCertificateIsNotTrustedClosesTheClientCountedAndWarned(CapturedOutput output) {
		try (ScriptedUpstream upstream = tlsUpstream("server-renewed.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertClosedAsAFailedConnect(gateway, client);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(settled(output))
					.containsPattern("WARN .*closed for want of an upstream.*tried 127.0.0.1:" + upstream.port()
							+ " \\(TLS handshake failed"));
		}
	}

	@Test
	void sharedModeUpstreamWhoseCertificateIsNotTrustedFailsTheRequestsAsOnErrorSays() {
		try (ScriptedUpstream upstream = tlsUpstream("server-renewed.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12", "tcp-gateway.forward.tcp.mode=shared",
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=DOWN");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			await().atMost(WAIT)
				.until(() -> gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "connect") >= 1);
			assertThat(client.send("one").receiveString()).isEqualTo("DOWN");
			assertThat(client.send("two").receiveString()).isEqualTo("DOWN");
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "unavailable")).isEqualTo(2);
			assertThat(gateway.context().getBean(UpstreamClient.class).openConnections()).isZero();
		}
	}

	@Test
	void upstreamThatNeverAnswersTheHandshakeFailsTheAttemptWithinTheConnectTimeout(CapturedOutput output) {
		// a plain TCP upstream takes the TLS hello for the start of a long frame and
		// waits
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream, "client-trust.p12",
						"tcp-gateway.forward.tcp.connect-timeout=1s");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertClosedAsAFailedConnect(gateway, client);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(settled(output))
					.containsPattern("WARN .*TLS handshake not complete within 1000ms"));
		}
	}

	@Test
	void certificateOfAnotherNameIsRefusedWhileHostnameVerificationIsOn() {
		// server.p12 is localhost and 127.0.0.1, trusted, but not upstream.example
		try (ScriptedUpstream upstream = tlsUpstream("server.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12",
						"tcp-gateway.forward.tcp.ssl.server-name=upstream.example");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertClosedAsAFailedConnect(gateway, client);
		}
	}

	@Test
	void certificateOfTheServerNameIsAccepted() {
		try (ScriptedUpstream upstream = tlsUpstream("server.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12",
						"tcp-gateway.forward.tcp.ssl.server-name=localhost");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
		}
	}

	@Test
	void certificateOfAnotherNameIsAcceptedWithHostnameVerificationOff() {
		try (ScriptedUpstream upstream = tlsUpstream("server.p12");
				RunningGateway gateway = gateway(upstream, "client-trust.p12",
						"tcp-gateway.forward.tcp.ssl.server-name=upstream.example",
						"tcp-gateway.forward.tcp.ssl.verify-hostname=false");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
		}
	}

	@Test
	void certificateWithoutTheHostsAddressIsRefusedWithoutAServerName() {
		// client.p12 is test-client only, trusted by server-trust.p12; the host is an IP
		try (ScriptedUpstream upstream = tlsUpstream("client.p12");
				RunningGateway gateway = gateway(upstream, "server-trust.p12");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertClosedAsAFailedConnect(gateway, client);
		}
		// the same certificate is trusted: only its name was refused
		try (ScriptedUpstream upstream = tlsUpstream("client.p12");
				RunningGateway gateway = gateway(upstream, "server-trust.p12",
						"tcp-gateway.forward.tcp.ssl.verify-hostname=false");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
		}
	}

	@Test
	void serverNameIsSentAsSni() {
		List<List<SNIServerName>> requested = new CopyOnWriteArrayList<>();
		try (LayeredTlsUpstream upstream = LayeredTlsUpstream.start((index, plain) -> {
			SSLSocket tls = (SSLSocket) TestCertificates.serverContext("server.p12")
				.getSocketFactory()
				.createSocket(plain, null, plain.getPort(), false);
			tls.setUseClientMode(false);
			tls.startHandshake();
			requested.add(((ExtendedSSLSession) tls.getSession()).getRequestedServerNames());
			plain.getInputStream().read();
		});
				RunningGateway gateway = gateway(upstream.port(), "client-trust.p12",
						"tcp-gateway.forward.tcp.ssl.server-name=localhost");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("hello");
			await().atMost(WAIT).until(() -> !requested.isEmpty());
			assertThat(requested.get(0)).containsExactly(new SNIHostName("localhost"));
		}
	}

	/**
	 * TLS as Spring Integration does it starts the handshake with the first write: an
	 * upstream that greets first would wait for it forever. Here the handshake is part of
	 * connecting.
	 */
	@Test
	void upstreamThatSpeaksFirstIsHeardBeforeTheClientSendsAnything() throws Exception {
		ExecutorService greeter = Executors.newSingleThreadExecutor();
		try (ServerSocket server = TestCertificates.serverContext("server.p12")
			.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
				RunningGateway gateway = gateway(server.getLocalPort(), "client-trust.p12")) {
			greeter.execute(() -> {
				try (Socket socket = server.accept()) {
					OutputStream output = socket.getOutputStream();
					TcpCodecs.lengthHeader2().serialize("welcome".getBytes(StandardCharsets.UTF_8), output);
					output.flush();
					// hold the connection until the gateway closes it
					socket.getInputStream().read();
				}
				catch (IOException ex) {
					// the test's close
				}
			});
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.receiveString()).isEqualTo("welcome");
			}
		}
		finally {
			greeter.shutdownNow();
		}
	}

	@Test
	void unknownBundleFailsStartupNamingTheProperty() {
		assertThatException()
			.isThrownBy(() -> RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
					"tcp-gateway.forward.tcp.port=7000", "tcp-gateway.forward.tcp.ssl.bundle=missing"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("tcp-gateway.forward.tcp.ssl.bundle")
				.hasStackTraceContaining("missing"));
	}

	@Test
	void serverNameWithoutABundleFailsStartupNamingTheProperty() {
		assertThatException()
			.isThrownBy(() -> RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
					"tcp-gateway.forward.tcp.port=7000", "tcp-gateway.forward.tcp.ssl.server-name=upstream.example"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("ssl.server-name")
				.hasStackTraceContaining("tcp-gateway.forward.tcp.ssl.bundle"));
	}

	private static ScriptedUpstream tlsUpstream(String keyStore) {
		return ScriptedUpstream.startTls(TestCertificates.serverContext(keyStore), ScriptedUpstream.echo());
	}

	/**
	 * The client's first frame finds no upstream connection: the attempt failed, the
	 * client is closed and the failure counted as {@code connect}.
	 */
	private static void assertClosedAsAFailedConnect(RunningGateway gateway, TcpTestConnection client) {
		client.send("anyone?");
		assertThat(client.awaitClosed()).isTrue();
		assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "connect")).isGreaterThanOrEqualTo(1);
	}

	private static RunningGateway gateway(ScriptedUpstream upstream, String trustStore, String... more) {
		return gateway(upstream.port(), trustStore, more);
	}

	private static RunningGateway gateway(int upstreamPort, String trustStore, String... more) {
		List<String> properties = new ArrayList<>(TestCertificates.trustBundle("upstream", trustStore));
		properties.addAll(List.of("tcp-gateway.framing=crlf", "tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + upstreamPort, "tcp-gateway.forward.tcp.framing=length-header-2",
				"tcp-gateway.forward.tcp.ssl.bundle=upstream",
				// the checks' own connections would count as the upstream's peers
				"tcp-gateway.forward.tcp.health-check.interval=0"));
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

}
