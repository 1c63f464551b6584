package io.tcpgateway.cluster;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RedisServer;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateways on one real Redis: gateway A in the test's JVM (with Actuator over HTTP),
 * gateway B a process of its own, so that it can be killed with SIGKILL.
 */
class ClusterTests {

	private static final String TTL = "3s";

	@TempDir
	static Path dir;

	private static RedisServer redis;

	private static RunningGateway a;

	private static GatewayProcess b;

	private static ActuatorHttp actuatorA;

	@BeforeAll
	static void startRedisAndTwoGateways() {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		redis = RedisServer.start(dir);
		a = RunningGateway.startWithActuator(cluster("a"));
		actuatorA = ActuatorHttp.asAdmin(a.httpPort());
		b = startB("b", TTL);
	}

	@AfterAll
	static void stopAll() {
		if (b != null) {
			b.close();
		}
		if (a != null) {
			a.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	static String[] cluster(String node) {
		return new String[] { "tcp-gateway.cluster.enabled=true", "tcp-gateway.cluster.node-id=" + node,
				"tcp-gateway.cluster.entry-ttl=" + TTL, "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port(), "management.endpoints.web.exposure.include=*",
				ActuatorHttp.ADMIN_NAME_PROPERTY, ActuatorHttp.ADMIN_PASSWORD_PROPERTY,
				ActuatorHttp.ADMIN_ROLES_PROPERTY };
	}

	private static GatewayProcess startB(String node, String ttl) {
		return GatewayProcess.start(dir, "--tcp-gateway.cluster.enabled=true", "--tcp-gateway.cluster.node-id=" + node,
				"--tcp-gateway.cluster.entry-ttl=" + ttl, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redis.port(),
				"--spring.main.sources=" + KeyBindingHandler.class.getName());
	}

	@Test
	void aClientOfOneGatewayIsListedFoundByKeyPushedToAndClosedThroughTheOther() throws Exception {
		try (TcpTestConnection client = TcpTestConnection.open(b.port(), Framing.CRLF)) {
			assertThat(client.send("bind device-42").receiveString()).isEqualTo("bound device-42");
			String port = "\"remotePort\":" + client.socket().getLocalPort();
			// the cluster list on A shows B's connection with its real client port
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(actuatorA.get("/actuator/tcpconnections?scope=cluster").body()).contains(port)
							.contains("\"node\":\"b\""));
			HttpResponse<String> byKey = actuatorA.get("/actuator/tcpconnections?key=device-42");
			assertThat(byKey.statusCode()).isEqualTo(200);
			assertThat(byKey.body()).contains(port).contains("\"node\":\"b\"").contains("device-42");
			String id = idOf(byKey.body());
			assertThat(actuatorA.get("/actuator/tcpconnections/" + id).body()).contains(port)
				.contains("\"node\":\"b\"");

			// pushes through A's API reach the client on B, in order
			ClusterConnections clusterA = a.context().getBean(ClusterConnections.class);
			ClusterResult byKeyPush = clusterA.sendToKey("device-42", "to the key");
			assertThat(byKeyPush.found()).isTrue();
			assertThat(byKeyPush.nodes()).containsExactly("b");
			assertThat(client.receiveString()).isEqualTo("to the key");
			ClusterResult broadcast = clusterA.broadcast("to all".getBytes(StandardCharsets.UTF_8));
			assertThat(broadcast.nodes()).contains("a", "b");
			assertThat(client.receiveString()).isEqualTo("to all");
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				assertThat(clusterA.send(id, "push " + i).outcome()).isEqualTo(ClusterResult.Outcome.SENT);
				expected.add("push " + i);
			}
			List<String> received = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				received.add(client.receiveString());
			}
			assertThat(received).isEqualTo(expected);

			// the endpoint on A pushes to and closes B's connection
			HttpResponse<String> pushed = actuatorA.send("POST", "/actuator/tcpconnections/" + id,
					"{\"payload\":\"from the endpoint\"}");
			assertThat(pushed.statusCode()).isEqualTo(200);
			assertThat(pushed.body()).contains("\"node\":\"b\"");
			assertThat(client.receiveString()).isEqualTo("from the endpoint");
			assertThat(actuatorA.send("DELETE", "/actuator/tcpconnections/" + id, null).statusCode()).isEqualTo(202);
			// the end of the stream, with nothing after the last push
			assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(client::receive);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> actuatorA.get("/actuator/tcpconnections/" + id).statusCode() == 404);
		}
	}

	@Test
	void anUnknownConnectionIsNotFoundAnywhere() throws Exception {
		assertThat(actuatorA.get("/actuator/tcpconnections/127.0.0.1:1:2:nobody").statusCode()).isEqualTo(404);
		assertThat(actuatorA.send("DELETE", "/actuator/tcpconnections/127.0.0.1:1:2:nobody", null).statusCode())
			.isEqualTo(404);
		ClusterResult result = a.context().getBean(ClusterConnections.class).send("127.0.0.1:1:2:nobody", "x");
		assertThat(result.outcome()).isEqualTo(ClusterResult.Outcome.NOT_FOUND);
		assertThat(a.context().getBean(ClusterConnections.class).sendToKey("no-such-key", "x").found()).isFalse();
	}

	@Test
	void aMalformedCommandIsDroppedAndCountedAndTheGatewayGoesOn() throws Exception {
		MeterRegistry meters = a.context().getBean(MeterRegistry.class);
		double before = Meters.count(meters, MicrometerClusterMetrics.CLUSTER_COMMANDS_MALFORMED);
		assertThat(redis.cli("PUBLISH", "tcp-gateway:node:a", "tgw1 send b not-base64 %%%")).isEqualTo("1");
		assertThat(redis.cli("PUBLISH", "tcp-gateway:node:a", "rm -rf /")).isEqualTo("1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Meters.count(meters, MicrometerClusterMetrics.CLUSTER_COMMANDS_MALFORMED) == before + 2);
		try (TcpTestConnection client = TcpTestConnection.open(a.port(), Framing.CRLF)) {
			assertThat(client.send("still echoing").receiveString()).isEqualTo("still echoing");
			String id = a.context()
				.getBean(io.tcpgateway.connection.ConnectionRegistry.class)
				.live()
				.iterator()
				.next()
				.getConnectionId();
			// a valid command on the same channel is still carried out
			redis.cli("PUBLISH", "tcp-gateway:node:a", ClusterCommand.send("b", id, "after".getBytes()).encode());
			assertThat(client.receiveString()).isEqualTo("after");
		}
	}

	@Test
	void theEntriesOfAKilledGatewayExpireWithinTheTtl() throws Exception {
		GatewayProcess doomed = startB("doomed", TTL);
		try (TcpTestConnection client = TcpTestConnection.open(doomed.port(), Framing.CRLF)) {
			assertThat(client.send("bind doomed-key").receiveString()).isEqualTo("bound doomed-key");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> actuatorA.get("/actuator/tcpconnections?key=doomed-key").body().contains("\"doomed\""));
			doomed.close();
			// SIGKILL: nothing removes them; they expire within the TTL (3s) of the last
			// refresh
			await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
				assertThat(actuatorA.get("/actuator/tcpconnections?scope=cluster").body()).doesNotContain("\"doomed\"");
				assertThat(redis.cli("KEYS", "tcp-gateway:*doomed*")).isEmpty();
			});
		}
		finally {
			doomed.close();
		}
	}

	@Test
	void aGatewayStoppedGracefullyLeavesTheDirectoryAtOnce() throws Exception {
		GatewayProcess leaving = startB("leaving", "60s");
		try (TcpTestConnection client = TcpTestConnection.open(leaving.port(), Framing.CRLF)) {
			assertThat(client.send("bind leaving-key").receiveString()).isEqualTo("bound leaving-key");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !redis.cli("KEYS", "tcp-gateway:key:leaving:*").isEmpty());
			leaving.terminate();
			assertThat(leaving.awaitExit()).isZero();
			// with a TTL of a minute, only the stop can have removed them
			assertThat(redis.cli("KEYS", "tcp-gateway:*leaving*")).isEmpty();
			assertThat(redis.cli("ZSCORE", "tcp-gateway:nodes", "leaving")).isEmpty();
		}
		finally {
			leaving.close();
		}
	}

	private static String idOf(String json) {
		int start = json.indexOf("\"id\":\"") + 6;
		return json.substring(start, json.indexOf('"', start));
	}

}
