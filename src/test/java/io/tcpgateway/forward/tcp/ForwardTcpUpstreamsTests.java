package io.tcpgateway.forward.tcp;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-connection mode over several real upstream servers: balancing, retries on another
 * upstream, active and passive health with rise and fall, backups, and every upstream
 * down. Each upstream answers a frame with its own name, so a reply tells which served.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class ForwardTcpUpstreamsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Fast checks, so that the tests see transitions within moments. */
	private static final String[] FAST_CHECKS = { "tcp-gateway.forward.tcp.health-check.interval=200ms",
			"tcp-gateway.forward.tcp.health-check.timeout=1s", "tcp-gateway.forward.tcp.health-check.rise=2",
			"tcp-gateway.forward.tcp.health-check.fall=3" };

	static RunningGateway gateway(List<ScriptedUpstream> upstreams, String... more) {
		List<String> properties = new ArrayList<>(
				List.of("tcp-gateway.framing=crlf", "tcp-gateway.forward.tcp.upstreams=" + keys(upstreams),
						"tcp-gateway.forward.tcp.framing=length-header-2"));
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

	static String keys(List<ScriptedUpstream> upstreams) {
		return String.join(",", upstreams.stream().map(ScriptedUpstream::key).toList());
	}

	static List<ScriptedUpstream> start(String... names) {
		List<ScriptedUpstream> upstreams = new ArrayList<>();
		for (String name : names) {
			upstreams.add(ScriptedUpstream.start(ScriptedUpstream.named(name)));
		}
		return upstreams;
	}

	static void closeAll(List<? extends AutoCloseable> closeables) {
		for (AutoCloseable closeable : closeables) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing anyway
			}
		}
	}

	static Upstream upstream(RunningGateway gateway, ScriptedUpstream server) {
		return gateway.context().getBean(Upstreams.class).find(server.key());
	}

	/**
	 * @return the name of the upstream that answered a new client, which stays open
	 */
	static String servedBy(RunningGateway gateway, List<TcpTestConnection> clients) {
		TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
		clients.add(client);
		String reply = client.send("hi").receiveString();
		return reply.substring(0, reply.indexOf(':'));
	}

	@Test
	void roundRobinSpreadsNewClientsEvenlyOverEveryUpstream() {
		List<ScriptedUpstream> upstreams = start("a", "b", "c");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(upstreams, "tcp-gateway.forward.tcp.health-check.interval=0")) {
			Map<String, Integer> served = new HashMap<>();
			for (int i = 0; i < 9; i++) {
				served.merge(servedBy(gateway, clients), 1, Integer::sum);
			}
			assertThat(served).containsOnly(Map.entry("a", 3), Map.entry("b", 3), Map.entry("c", 3));
		}
		finally {
			closeAll(clients);
			closeAll(upstreams);
		}
	}

	@Test
	void leastConnectionsSendsNewClientsToTheUpstreamWithFewest() {
		List<ScriptedUpstream> upstreams = start("a", "b", "c");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(upstreams, "tcp-gateway.forward.tcp.health-check.interval=0",
				"tcp-gateway.forward.tcp.balance=least-connections")) {
			List<TcpTestConnection> onA = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				List<TcpTestConnection> one = new ArrayList<>();
				String name = servedBy(gateway, one);
				(name.equals("a") ? onA : clients).addAll(one);
			}
			assertThat(onA).hasSize(2);
			closeAll(onA);
			Upstream a = upstream(gateway, upstreams.get(0));
			await().atMost(WAIT).until(() -> a.connections() == 0);
			assertThat(servedBy(gateway, clients)).isEqualTo("a");
			assertThat(servedBy(gateway, clients)).isEqualTo("a");
		}
		finally {
			closeAll(clients);
			closeAll(upstreams);
		}
	}

	@Test
	void clientWhoseUpstreamRefusesIsServedByAnotherAndTheRetryCounted() {
		List<ScriptedUpstream> upstreams = start("a", "b", "c");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(upstreams, "tcp-gateway.forward.tcp.health-check.interval=0")) {
			upstreams.get(1).close();
			for (int i = 0; i < 6; i++) {
				assertThat(servedBy(gateway, clients)).isIn("a", "c");
			}
			// each is still bridged: the gateway closed none of them
			for (TcpTestConnection client : clients) {
				assertThat(client.send("again").receiveString()).isIn("a:again", "c:again");
			}
			assertThat(gateway.context()
				.getBean(io.micrometer.core.instrument.MeterRegistry.class)
				.get(MicrometerForwardTcpMetrics.FORWARD_RETRIES)
				.counter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(upstream(gateway, upstreams.get(1)).failureCount()).isGreaterThanOrEqualTo(1);
		}
		finally {
			closeAll(clients);
			closeAll(upstreams);
		}
	}

	@Test
	void upstreamThatDiesTurnsDownAfterFallChecksAndComesBackAfterRise(CapturedOutput output) {
		List<ScriptedUpstream> upstreams = start("a", "b", "c");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(upstreams, FAST_CHECKS)) {
			ScriptedUpstream b = upstreams.get(1);
			Upstream bState = upstream(gateway, b);
			await().atMost(WAIT).until(() -> bState.health().lastCheck() != null);
			b.close();
			// new clients meanwhile are all served, by the others
			for (int i = 0; i < 6; i++) {
				assertThat(servedBy(gateway, clients)).isIn("a", "c");
			}
			await().atMost(WAIT).until(() -> bState.state() == UpstreamState.DOWN);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("upstream " + b.key() + " DOWN after 3 failed checks: "));
			upstreams.set(1, ScriptedUpstream.start(b.port(), ScriptedUpstream.named("b")));
			await().atMost(WAIT).until(() -> bState.state() == UpstreamState.UP);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("upstream " + b.key() + " UP after 2 successful checks"));
			List<String> served = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				served.add(servedBy(gateway, clients));
			}
			assertThat(served).contains("b");
		}
		finally {
			closeAll(clients);
			closeAll(upstreams);
		}
	}

	@Test
	void upstreamThatFailsEveryOtherCheckIsNeverTakenDown(CapturedOutput output) {
		AtomicInteger checks = new AtomicInteger();
		// the first check passes (a first outcome decides at once), then every other
		// fails
		ScriptedUpstream.Script flapping = (peer, frame) -> peer
			.send((checks.incrementAndGet() % 2 == 1) ? "PONG" : "not now");
		List<ScriptedUpstream> upstreams = List.of(ScriptedUpstream.start(flapping));
		// a check lost to a loaded machine's timeout would break the alternation
		try (RunningGateway gateway = gateway(upstreams, "tcp-gateway.forward.tcp.health-check.interval=200ms",
				"tcp-gateway.forward.tcp.health-check.timeout=5s", "tcp-gateway.forward.tcp.health-check.rise=2",
				"tcp-gateway.forward.tcp.health-check.fall=3", "tcp-gateway.forward.tcp.health-check.send=PING",
				"tcp-gateway.forward.tcp.health-check.expect=PONG")) {
			Upstream upstream = upstream(gateway, upstreams.get(0));
			await().atMost(WAIT).until(() -> checks.get() >= 12);
			// one failure between two passes never reaches fall (3)
			assertThat(upstream.state()).isEqualTo(UpstreamState.UP);
			assertThat(output.getOut()).doesNotContain("upstream " + upstreams.get(0).key() + " DOWN");
		}
		finally {
			closeAll(upstreams);
		}
	}

	@Test
	void backupsServeOnlyWhileEveryPrimaryIsDown() {
		List<ScriptedUpstream> primaries = start("a", "b");
		List<ScriptedUpstream> backups = start("backup");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(primaries,
				concat(FAST_CHECKS, "tcp-gateway.forward.tcp.backup-upstreams=" + keys(backups)))) {
			for (int i = 0; i < 4; i++) {
				assertThat(servedBy(gateway, clients)).isIn("a", "b");
			}
			int portA = primaries.get(0).port();
			closeAll(primaries);
			await().atMost(WAIT)
				.until(() -> !gateway.context()
					.getBean(Upstreams.class)
					.all()
					.stream()
					.filter((upstream) -> !upstream.isBackup())
					.anyMatch(Upstream::isServing));
			for (int i = 0; i < 3; i++) {
				assertThat(servedBy(gateway, clients)).isEqualTo("backup");
			}
			primaries.set(0, ScriptedUpstream.start(portA, ScriptedUpstream.named("a")));
			Upstream a = upstream(gateway, primaries.get(0));
			await().atMost(WAIT).until(() -> a.state() == UpstreamState.UP);
			for (int i = 0; i < 3; i++) {
				assertThat(servedBy(gateway, clients)).isEqualTo("a");
			}
		}
		finally {
			closeAll(clients);
			closeAll(primaries);
			closeAll(backups);
		}
	}

	@Test
	void withEveryUpstreamDownNewClientsAreClosedAndTheGatewayStaysReady() throws Exception {
		List<String> dead = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			try (ServerSocket free = new ServerSocket(0)) {
				dead.add("127.0.0.1:" + free.getLocalPort());
			}
		}
		try (RunningGateway gateway = RunningGateway.start(
				"tcp-gateway.forward.tcp.upstreams=" + String.join(",", dead),
				"tcp-gateway.forward.tcp.connect-timeout=1s", FAST_CHECKS[0], FAST_CHECKS[1])) {
			for (int i = 0; i < 3; i++) {
				try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					client.send("anyone?");
					assertThat(client.awaitClosed()).isTrue();
				}
			}
			assertThat(gateway.context().getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	static String[] concat(String[] first, String... more) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

}
