package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared mode over real sockets: a pool of upstream connections to a strict request-reply
 * service carries every client's requests.
 */
@Timeout(90)
class ForwardTcpSharedTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** Answers each frame in order, after a random delay of up to half a millisecond. */
	private static final ScriptedUpstream.Script SLOW_ECHO = (peer, frame) -> {
		// the service's own work time, not a wait of the test's
		LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MICROSECONDS.toNanos(500)));
		peer.send("up:" + frame);
	};

	private static RunningGateway gateway(int upstreamPort, String... more) {
		List<String> properties = new ArrayList<>(List.of("tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.host=127.0.0.1", "tcp-gateway.forward.tcp.port=" + upstreamPort,
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.mode=shared",
				// no active checks, whose connections the upstream would count among its
				// peers
				"tcp-gateway.forward.tcp.health-check.interval=0"));
		properties.addAll(List.of(more));
		RunningGateway gateway = RunningGateway.start(properties.toArray(String[]::new));
		UpstreamClient upstream = gateway.context().getBean(UpstreamClient.class);
		await().atMost(WAIT).until(() -> upstream.openConnections() == 4);
		return gateway;
	}

	private static String[] frames(String prefix, int count) {
		String[] frames = new String[count];
		for (int i = 0; i < count; i++) {
			frames[i] = prefix + i;
		}
		return frames;
	}

	@Test
	void pipelinedRequestsOfOneClientGetTheirRepliesInRequestOrder() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(SLOW_ECHO);
				RunningGateway gateway = gateway(upstream.port());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			String[] frames = frames("request-", 1000);
			client.pipeline(frames);
			for (String frame : frames) {
				assertThat(client.receiveString()).isEqualTo("up:" + frame);
			}
			// spread over the pool, not queued on one connection
			assertThat(upstream.peers()).hasSize(4);
		}
	}

	@Test
	void severalClientsAtOnceEachGetTheirOwnRepliesInOrder() throws Exception {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(SLOW_ECHO);
				RunningGateway gateway = gateway(upstream.port())) {
			List<CompletableFuture<Void>> clients = new ArrayList<>();
			for (int c = 0; c < 8; c++) {
				String prefix = "client-" + c + "-";
				clients.add(CompletableFuture.runAsync(() -> {
					try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
						String[] frames = frames(prefix, 200);
						client.pipeline(frames);
						for (String frame : frames) {
							assertThat(client.receiveString()).isEqualTo("up:" + frame);
						}
					}
				}));
			}
			CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
	}

	@Test
	void requestWithoutReplyInTimeClosesItsClientByDefault() {
		ScriptedUpstream.Script silentOnQuiet = (peer, frame) -> {
			if (!frame.equals("quiet")) {
				peer.send("up:" + frame);
			}
		};
		try (ScriptedUpstream upstream = ScriptedUpstream.start(silentOnQuiet);
				RunningGateway gateway = gateway(upstream.port(), "tcp-gateway.forward.tcp.reply-timeout=300ms");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
			client.send("quiet");
			assertThat(client.awaitClosed()).isTrue();
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "timeout")).isEqualTo(1);
		}
	}

	@Test
	void requestWithoutReplyInTimeGetsTheErrorReplyWithOnErrorReply() {
		ScriptedUpstream.Script silentOnQuiet = (peer, frame) -> {
			if (!frame.equals("quiet")) {
				peer.send("up:" + frame);
			}
		};
		try (ScriptedUpstream upstream = ScriptedUpstream.start(silentOnQuiet);
				RunningGateway gateway = gateway(upstream.port(), "tcp-gateway.forward.tcp.reply-timeout=300ms",
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=ERR");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("quiet", "after");
			assertThat(client.receiveString()).isEqualTo("ERR");
			// the late connection is dropped and reopened: requests are served again
			assertThat(client.receiveString()).isIn("up:after", "ERR");
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(client.send("again").receiveString()).isEqualTo("up:again"));
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "timeout")).isEqualTo(1);
		}
	}

	@Test
	void upstreamThatRestartsIsReconnected() {
		ScriptedUpstream first = ScriptedUpstream.start(ScriptedUpstream.echo());
		int port = first.port();
		try (RunningGateway gateway = gateway(port, "tcp-gateway.handler.on-error=reply",
				"tcp-gateway.handler.error-reply=DOWN");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("before").receiveString()).isEqualTo("up:before");
			first.close();
			UpstreamClient upstream = gateway.context().getBean(UpstreamClient.class);
			await().atMost(WAIT).until(() -> upstream.openConnections() == 0);
			assertThat(client.send("meanwhile").receiveString()).isEqualTo("DOWN");
			try (ScriptedUpstream second = ScriptedUpstream.start(port, ScriptedUpstream.echo())) {
				await().atMost(WAIT).until(() -> upstream.openConnections() == 4);
				assertThat(client.send("after").receiveString()).isEqualTo("up:after");
			}
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "unavailable"))
				.isGreaterThanOrEqualTo(1);
		}
	}

}
