package io.tcpgateway.forward.tcp;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-connection mode over real sockets: clients speak crlf, the upstream speaks
 * length-header-2, and each client has an upstream connection of its own.
 */
@Timeout(60)
class ForwardTcpPerConnectionTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/**
	 * Without active health checks, whose connections the upstream would count among its
	 * peers.
	 */
	private static RunningGateway gateway(ScriptedUpstream upstream, String... more) {
		List<String> properties = new ArrayList<>(List.of("tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.host=127.0.0.1", "tcp-gateway.forward.tcp.port=" + upstream.port(),
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.health-check.interval=0"));
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

	@Test
	void framesGoToTheUpstreamInItsFramingAndRepliesComeBackInTheClients() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
			assertThat(client.send("world").receiveString()).isEqualTo("up:world");
			assertThat(upstream.peers()).hasSize(1);
		}
	}

	@Test
	void framesSentAtOnceAfterConnectingAreNeitherLostNorReordered() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			String[] frames = new String[500];
			for (int i = 0; i < frames.length; i++) {
				frames[i] = "frame-" + i;
			}
			client.pipeline(frames);
			for (String frame : frames) {
				assertThat(client.receiveString()).isEqualTo("up:" + frame);
			}
		}
	}

	@Test
	void unsolicitedFramesFromTheUpstreamReachTheirOwnClient() throws Exception {
		ScriptedUpstream.Script script = (peer, frame) -> {
			peer.name = frame;
			peer.send("hello " + frame);
		};
		try (ScriptedUpstream upstream = ScriptedUpstream.start(script);
				RunningGateway gateway = gateway(upstream);
				TcpTestConnection alice = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bob = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(alice.send("alice").receiveString()).isEqualTo("hello alice");
			assertThat(bob.send("bob").receiveString()).isEqualTo("hello bob");
			upstream.peerNamed("bob").send("news for bob");
			upstream.peerNamed("alice").send("news for alice");
			upstream.peerNamed("alice").send("more for alice");
			assertThat(alice.receiveString()).isEqualTo("news for alice");
			assertThat(alice.receiveString()).isEqualTo("more for alice");
			assertThat(bob.receiveString()).isEqualTo("news for bob");
		}
	}

	@Test
	void upstreamThatClosesHasItsClientClosedAfterWhatItSentFirst() {
		ScriptedUpstream.Script script = (peer, frame) -> {
			peer.send("one");
			peer.send("two");
			peer.close();
		};
		try (ScriptedUpstream upstream = ScriptedUpstream.start(script);
				RunningGateway gateway = gateway(upstream);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("bye");
			assertThat(client.receiveString()).isEqualTo("one");
			assertThat(client.receiveString()).isEqualTo("two");
			assertThat(client.awaitClosed()).isTrue();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "closed"))
					.isEqualTo(1));
		}
	}

	@Test
	void clientThatClosesHasItsUpstreamConnectionClosed() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = gateway(upstream)) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.send("hi").receiveString()).isEqualTo("up:hi");
			}
			await().atMost(WAIT).until(() -> upstream.peers().get(0).closed);
		}
	}

	@Test
	void clientOfAnUnreachableUpstreamIsClosedAndCounted() throws Exception {
		int deadPort;
		try (ServerSocket free = new ServerSocket(0)) {
			deadPort = free.getLocalPort();
		}
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + deadPort);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("anyone?");
			assertThat(client.awaitClosed()).isTrue();
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "connect"))
				.isGreaterThanOrEqualTo(1);
			try (TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				// the gateway goes on accepting; its clients are closed while the
				// upstream is down
				assertThat(bystander.awaitClosed()).isTrue();
			}
		}
	}

}
