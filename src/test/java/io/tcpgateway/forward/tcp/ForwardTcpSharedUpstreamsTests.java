package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared mode over three real upstreams: {@code pool-size} connections to each, requests
 * spread over all of them, each client's replies in its order, and one upstream's death
 * survived by the others.
 */
@Timeout(120)
class ForwardTcpSharedUpstreamsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static RunningGateway gateway(List<ScriptedUpstream> upstreams) {
		RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams, "tcp-gateway.forward.tcp.mode=shared",
				"tcp-gateway.forward.tcp.pool-size=2", "tcp-gateway.handler.on-error=reply",
				"tcp-gateway.handler.error-reply=ERR", "tcp-gateway.forward.tcp.health-check.interval=200ms");
		UpstreamClient client = gateway.context().getBean(UpstreamClient.class);
		await().atMost(WAIT).until(() -> client.openConnections() == 6);
		return gateway;
	}

	@Test
	void requestsSpreadOverEveryUpstreamAndRepliesKeepEachClientsOrder() {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b", "c");
		try (RunningGateway gateway = gateway(upstreams);
				TcpTestConnection one = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection two = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			Set<String> servedBy = new HashSet<>();
			String[] frames = new String[60];
			for (int i = 0; i < frames.length; i++) {
				frames[i] = "frame-" + i;
			}
			one.pipeline(frames);
			two.pipeline(frames);
			for (TcpTestConnection client : List.of(one, two)) {
				for (String frame : frames) {
					String reply = client.receiveString();
					assertThat(reply).endsWith(":" + frame);
					servedBy.add(reply.substring(0, reply.indexOf(':')));
				}
			}
			assertThat(servedBy).containsExactlyInAnyOrder("a", "b", "c");
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void oneUpstreamsDeathIsSurvivedByTheOthers() {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b", "c");
		try (RunningGateway gateway = gateway(upstreams);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("before").receiveString()).endsWith(":before");
			upstreams.get(1).close();
			UpstreamClient upstream = gateway.context().getBean(UpstreamClient.class);
			await().atMost(WAIT).until(() -> upstream.openConnections() == 4);
			for (int i = 0; i < 30; i++) {
				assertThat(client.send("after-" + i).receiveString()).isIn("a:after-" + i, "c:after-" + i);
			}
			Upstream b = ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(1));
			await().atMost(WAIT).until(() -> b.state() == UpstreamState.DOWN);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void requestRightAfterATimeoutGoesToAnOpenConnection() {
		List<ScriptedUpstream> upstreams = new java.util.ArrayList<>();
		for (String name : List.of("a", "b")) {
			upstreams.add(ScriptedUpstream.start((peer, frame) -> {
				if (!frame.startsWith("slow")) {
					peer.send(name + ":" + frame);
				}
			}));
		}
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams, "tcp-gateway.forward.tcp.mode=shared",
				"tcp-gateway.forward.tcp.pool-size=1", "tcp-gateway.handler.on-error=reply",
				"tcp-gateway.handler.error-reply=ERR", "tcp-gateway.forward.tcp.reply-timeout=300ms",
				"tcp-gateway.forward.tcp.health-check.interval=0");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			UpstreamClient upstream = gateway.context().getBean(UpstreamClient.class);
			for (int i = 0; i < 5; i++) {
				await().atMost(WAIT).until(() -> upstream.openConnections() == 2);
				assertThat(client.send("slow-" + i).receiveString()).isEqualTo("ERR");
				// the connection that timed out is being dropped: the other one takes it
				assertThat(client.send("next-" + i).receiveString()).isIn("a:next-" + i, "b:next-" + i);
			}
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

}
