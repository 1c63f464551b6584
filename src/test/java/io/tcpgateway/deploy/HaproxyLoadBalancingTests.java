package io.tcpgateway.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.Lines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway processes behind a real HAProxy, configured by
 * {@code deploy/haproxy/haproxy.cfg}: connections spread over both, the gateways see the
 * clients' own addresses, and one gateway drains on SIGTERM without losing a reply while
 * new clients go to the other, until it is back.
 *
 * <p>
 * Needs the {@code haproxy} binary (Debian package {@code haproxy}, which {@code .ci/run}
 * installs); skipped without it.
 */
class HaproxyLoadBalancingTests {

	private static final Path CONFIG = Path.of("deploy/haproxy/haproxy.cfg");

	@Test
	void spreadsConnectionsPassesClientAddressesAndDrainsWithoutLosingReplies(@TempDir Path dir) throws Exception {
		Path haproxyBinary = haproxy();
		assumeThat(haproxyBinary).as("the haproxy binary (apt-get install haproxy)").isNotNull();
		int[] tcp = { freePort(), freePort() };
		int[] http = { freePort(), freePort() };
		int front = freePort();
		List<GatewayProcess> gateways = new ArrayList<>(
				List.of(start(dir, tcp[0], http[0]), start(dir, tcp[1], http[1])));
		ProcessBuilder haproxyBuilder = new ProcessBuilder(haproxyBinary.toString(), "-db", "-f",
				CONFIG.toAbsolutePath().toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("haproxy.log").toFile());
		haproxyBuilder.environment()
			.putAll(Map.of("FRONTEND", "127.0.0.1:" + front, "GATEWAY1", "127.0.0.1:" + tcp[0],
					"GATEWAY1_MANAGEMENT_PORT", Integer.toString(http[0]), "GATEWAY2", "127.0.0.1:" + tcp[1],
					"GATEWAY2_MANAGEMENT_PORT", Integer.toString(http[1])));
		Process haproxy = haproxyBuilder.start();
		List<TcpTestConnection> clients = new ArrayList<>();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> echoesThrough(front));

			// connections spread over both gateways, each seen with the client's own
			// address and port
			for (int i = 0; i < 20; i++) {
				TcpTestConnection client = TcpTestConnection.open(front, Framing.CRLF);
				clients.add(client);
				assertThat(client.echoes("hello " + i)).isTrue();
			}
			assertThat(liveConnections(http[0])).isPositive();
			assertThat(liveConnections(http[1])).isPositive();
			int clientPort = clients.get(0).socket().getLocalPort();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateways.stream()
					.anyMatch(gateway -> gateway.log().contains("carries client /127.0.0.1:" + clientPort)));

			// drain gateway 1 while its clients pipeline: every reply arrives
			List<TcpTestConnection> onFirst = clients.stream()
				.filter(client -> isOn(http[0], client.socket().getLocalPort()))
				.toList();
			assertThat(onFirst).isNotEmpty();
			onFirst.forEach(client -> client.sendRaw(Lines.numbered(0, 500)));
			// the requests have passed HAProxy and reached the gateway (frames still
			// inside the balancer
			// when a connection closes are the balancer's to lose, not the gateway's)
			await().atMost(Duration.ofSeconds(10))
				.until(() -> onFirst.stream()
					.allMatch(client -> messagesIn(http[0], client.socket().getLocalPort()) == 501));
			gateways.get(0).terminate();
			for (TcpTestConnection client : onFirst) {
				for (int i = 0; i < 500; i++) {
					assertThat(client.receiveString()).isEqualTo("line-" + i);
				}
				assertThat(client.awaitClosed()).isTrue();
			}
			assertThat(gateways.get(0).awaitExit()).isZero();

			// new clients land on gateway 2
			for (int i = 0; i < 5; i++) {
				try (TcpTestConnection client = TcpTestConnection.open(front, Framing.CRLF)) {
					assertThat(client.echoes("after drain " + i)).isTrue();
					assertThat(isOn(http[1], client.socket().getLocalPort())).isTrue();
				}
			}

			// gateway 1 comes back: its health is UP again and it takes new clients
			gateways.set(0, start(dir, tcp[0], http[0]));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				try (TcpTestConnection client = TcpTestConnection.open(front, Framing.CRLF)) {
					return client.echoes("back") && isOn(http[0], client.socket().getLocalPort());
				}
			});
		}
		finally {
			clients.forEach(TcpTestConnection::close);
			haproxy.destroy();
			if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
				haproxy.destroyForcibly();
			}
			gateways.forEach(GatewayProcess::close);
		}
	}

	private static GatewayProcess start(Path dir, int tcpPort, int httpPort) {
		return GatewayProcess.startWith(dir, List.of("--tcp-gateway.port=" + tcpPort, "--server.port=" + httpPort,
				"--tcp-gateway.proxy-protocol.mode=v2", "--tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.1/32",
				"--tcp-gateway.shutdown.grace-period=20s", "--logging.level.io.tcpgateway.connection=debug",
				"--" + ActuatorHttp.ADMIN_NAME_PROPERTY, "--" + ActuatorHttp.ADMIN_PASSWORD_PROPERTY,
				"--" + ActuatorHttp.ADMIN_ROLES_PROPERTY));
	}

	private boolean echoesThrough(int port) {
		try (TcpTestConnection client = TcpTestConnection.open(port, Framing.CRLF)) {
			return client.echoes("ready?");
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private int liveConnections(int httpPort) throws IOException, InterruptedException {
		String body = get(httpPort, "/actuator/tcpconnections?limit=0");
		return JsonPath.parse(body).read("$.total", Integer.class);
	}

	private int messagesIn(int httpPort, int clientPort) {
		try {
			List<Integer> counts = JsonPath.parse(get(httpPort, "/actuator/tcpconnections?limit=1000"))
				.read("$.connections[?(@.remotePort == " + clientPort + ")].messagesIn");
			return counts.isEmpty() ? -1 : counts.get(0);
		}
		catch (IOException | InterruptedException ex) {
			return -1;
		}
	}

	private boolean isOn(int httpPort, int clientPort) {
		try {
			String body = get(httpPort, "/actuator/tcpconnections?limit=1000");
			List<Map<String, Object>> match = JsonPath.parse(body)
				.read("$.connections[?(@.remotePort == " + clientPort + ")]");
			return !match.isEmpty();
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private static String get(int httpPort, String path) throws IOException, InterruptedException {
		return ActuatorHttp.asAdmin(httpPort).get(path).body();
	}

	private static Path haproxy() {
		for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
