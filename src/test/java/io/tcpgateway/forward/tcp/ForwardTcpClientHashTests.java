package io.tcpgateway.forward.tcp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code balance=client-hash} over three real upstreams, with clients from several
 * loopback source addresses ({@code 127.0.0.x}): each address keeps its upstream, and
 * when one upstream dies only its addresses move.
 */
@Timeout(120)
class ForwardTcpClientHashTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int SOURCES = 12;

	@Test
	void eachClientAddressKeepsItsUpstreamAndOnlyTheDeadOnesClientsMove() throws Exception {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b", "c");
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams,
				"tcp-gateway.forward.tcp.balance=client-hash", "tcp-gateway.forward.tcp.health-check.interval=200ms",
				"tcp-gateway.forward.tcp.health-check.timeout=5s", "tcp-gateway.forward.tcp.health-check.fall=2")) {
			// one check lost to a loaded machine would otherwise move clients
			Upstreams pool = gateway.context().getBean(Upstreams.class);
			await().atMost(WAIT)
				.until(() -> pool.all()
					.stream()
					.allMatch((upstream) -> upstream.state() == UpstreamState.UP
							&& upstream.health().lastCheck() != null));
			Map<Integer, String> first = servedFromEachSource(gateway);
			assertThat(servedFromEachSource(gateway)).isEqualTo(first);
			assertThat(servedFromEachSource(gateway)).isEqualTo(first);
			// twelve addresses over three upstreams: all on one would be a broken hash
			assertThat(first.values().stream().distinct().count()).as("the addresses spread over the upstreams")
				.isGreaterThan(1);
			// the upstream with the most addresses dies
			String dead = mostServing(first);
			ScriptedUpstream deadServer = upstreams.get(List.of("a", "b", "c").indexOf(dead));
			Upstream deadState = ForwardTcpUpstreamsTests.upstream(gateway, deadServer);
			deadServer.close();
			await().atMost(WAIT).until(() -> deadState.state() == UpstreamState.DOWN);
			Map<Integer, String> after = servedFromEachSource(gateway);
			for (Map.Entry<Integer, String> source : first.entrySet()) {
				if (source.getValue().equals(dead)) {
					assertThat(after.get(source.getKey())).isNotEqualTo(dead);
				}
				else {
					assertThat(after.get(source.getKey())).as("127.0.0.%d stays", source.getKey())
						.isEqualTo(source.getValue());
				}
			}
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void theAddressThePROXYHeaderNamesPicksTheUpstream() {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b", "c");
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams,
				"tcp-gateway.forward.tcp.balance=client-hash", "tcp-gateway.proxy-protocol.mode=v1",
				"tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8")) {
			Map<Integer, String> first = servedFromEachProxiedSource(gateway);
			assertThat(servedFromEachProxiedSource(gateway)).isEqualTo(first);
			// every connection comes from 127.0.0.1: only the header's address spreads
			// them
			assertThat(first.values().stream().distinct().count()).isGreaterThan(1);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	private static Map<Integer, String> servedFromEachProxiedSource(RunningGateway gateway) {
		Map<Integer, String> served = new LinkedHashMap<>();
		for (int last = 1; last <= SOURCES; last++) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				client.sendRaw(("PROXY TCP4 203.0.113." + last + " 10.0.0.1 56324 9000\r\nhi\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				String reply = client.receiveString();
				served.put(last, reply.substring(0, reply.indexOf(':')));
			}
		}
		return served;
	}

	/**
	 * @return for each source address 127.0.0.2 onwards, the upstream that served a new
	 * client from it
	 */
	private static Map<Integer, String> servedFromEachSource(RunningGateway gateway) throws Exception {
		Map<Integer, String> served = new LinkedHashMap<>();
		for (int last = 2; last < 2 + SOURCES; last++) {
			InetAddress source = InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) last });
			try (TcpTestConnection client = TcpTestConnection.open(source, gateway.port(), Framing.CRLF, 1024)) {
				String reply = client.send("hi").receiveString();
				served.put(last, reply.substring(0, reply.indexOf(':')));
			}
		}
		return served;
	}

	private static String mostServing(Map<Integer, String> served) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		served.values().forEach((name) -> counts.merge(name, 1, Integer::sum));
		return new ArrayList<>(counts.entrySet()).stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
	}

}
