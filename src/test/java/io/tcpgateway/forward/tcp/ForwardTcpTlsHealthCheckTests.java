package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Active checks of a TLS upstream speak TLS with the bundle's trust, as its clients'
 * connections do: a trusted upstream that answers the check stays up, one whose
 * certificate the bundle does not trust goes down.
 */
@Timeout(60)
class ForwardTcpTlsHealthCheckTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void trustedUpstreamThatAnswersTheCheckOverTlsStaysUp() {
		try (ScriptedUpstream upstream = tlsUpstream("server.p12"); RunningGateway gateway = gateway(upstream)) {
			Upstream state = ForwardTcpUpstreamsTests.upstream(gateway, upstream);
			// several checks: a plaintext one would fail the handshake every time
			await().atMost(WAIT).until(() -> upstream.peers().size() >= 4);
			await().atMost(WAIT).until(() -> state.health().lastCheck() != null);
			assertThat(state.state()).isEqualTo(UpstreamState.UP);
			assertThat(state.health().lastError()).isNull();
		}
	}

	@Test
	void upstreamWhoseCertificateIsNotTrustedGoesDown() {
		try (ScriptedUpstream upstream = tlsUpstream("server-renewed.p12");
				RunningGateway gateway = gateway(upstream)) {
			Upstream state = ForwardTcpUpstreamsTests.upstream(gateway, upstream);
			await().atMost(WAIT).until(() -> state.state() == UpstreamState.DOWN);
			assertThat(state.health().lastError()).isNotNull();
		}
	}

	private static ScriptedUpstream tlsUpstream(String keyStore) {
		return ScriptedUpstream.startTls(TestCertificates.serverContext(keyStore), ScriptedUpstream.echo());
	}

	private static RunningGateway gateway(ScriptedUpstream upstream) {
		List<String> properties = new ArrayList<>(TestCertificates.trustBundle("upstream", "client-trust.p12"));
		properties.addAll(List.of("tcp-gateway.framing=crlf", "tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + upstream.port(), "tcp-gateway.forward.tcp.framing=length-header-2",
				"tcp-gateway.forward.tcp.ssl.bundle=upstream", "tcp-gateway.forward.tcp.health-check.interval=200ms",
				"tcp-gateway.forward.tcp.health-check.timeout=5s", "tcp-gateway.forward.tcp.health-check.fall=2",
				"tcp-gateway.forward.tcp.health-check.send=PING",
				"tcp-gateway.forward.tcp.health-check.expect=up:PING"));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

}
