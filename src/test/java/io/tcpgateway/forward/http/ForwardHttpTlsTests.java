package io.tcpgateway.forward.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The bridge to an https service over real TLS, its trust from an SSL bundle
 * ({@code tcp-gateway.forward.http.ssl.bundle}): a service the bundle vouches for
 * answers; one it does not, or whose certificate names another host, fails each request
 * as {@code handler.on-error} says, counted as a connect failure; a bundle that does not
 * exist, or one for a plain http URL, fails startup naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardHttpTlsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void serviceTheBundleTrustsAnswersOverTls() {
		try (HttpBackend backend = HttpBackend.start((request) -> HttpBackend.Response.ok("tls-" + request.bodyText()),
				TestCertificates.serverContext("server.p12"));
				RunningGateway gateway = start(backend, "client-trust.p12");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("tls-hello");
			assertThat(client.send("again").receiveString()).isEqualTo("tls-again");
			assertThat(backend.received()).hasSize(2);
		}
	}

	@Test
	void serviceWhoseCertificateTheBundleDoesNotTrustFailsEachRequestCountedAndWarned(CapturedOutput output) {
		try (HttpBackend backend = HttpBackend.echoing("", TestCertificates.serverContext("server-renewed.p12"));
				RunningGateway gateway = start(backend, "client-trust.p12", "tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("one", "two");
			assertThat(List.of(client.receiveString(), client.receiveString())).containsExactly("ERROR", "ERROR");
			await().atMost(WAIT).until(() -> gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "connect") == 2);
			assertThat(backend.received()).isEmpty();
			assertThat(settled(output)).containsPattern("WARN .*" + backend.url() + ".*connect.*SSLHandshakeException");
		}
	}

	@Test
	void serviceWhoseCertificateNamesAnotherHostClosesTheClientByDefault() {
		// trusted by the bundle, but issued to test-client, not to 127.0.0.1
		try (HttpBackend backend = HttpBackend.echoing("", TestCertificates.serverContext("client.p12"));
				RunningGateway gateway = start(backend, "server-trust.p12");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("hello");
			assertThat(client.awaitClosed()).isTrue();
			await().atMost(WAIT).until(() -> gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "connect") == 1);
			assertThat(backend.received()).isEmpty();
		}
	}

	@Test
	void unknownBundleFailsStartupNamingTheProperty() {
		assertThatException()
			.isThrownBy(() -> RunningGateway.start("tcp-gateway.forward.http.url=https://127.0.0.1:1/frames",
					"tcp-gateway.forward.http.ssl.bundle=missing"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("tcp-gateway.forward.http.ssl.bundle")
				.hasStackTraceContaining("missing"));
	}

	@Test
	void bundleForAPlainHttpUrlFailsStartupNamingTheProperty() {
		List<String> properties = new ArrayList<>(TestCertificates.trustBundle("backend", "client-trust.p12"));
		properties.add("tcp-gateway.forward.http.url=http://127.0.0.1:1/frames");
		properties.add("tcp-gateway.forward.http.ssl.bundle=backend");
		assertThatException().isThrownBy(() -> RunningGateway.start(properties.toArray(String[]::new)))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("ssl.bundle")
				.hasStackTraceContaining("https URL only"));
	}

	private static RunningGateway start(HttpBackend backend, String trustStore, String... more) {
		List<String> properties = new ArrayList<>(TestCertificates.trustBundle("backend", trustStore));
		properties.add("tcp-gateway.forward.http.url=" + backend.url());
		properties.add("tcp-gateway.forward.http.ssl.bundle=backend");
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

}
