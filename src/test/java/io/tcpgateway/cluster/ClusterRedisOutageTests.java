package io.tcpgateway.cluster;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.RedisServer;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway with the cluster on while its Redis stops and comes back, and with the
 * cluster off beside a Redis it must leave alone.
 */
class ClusterRedisOutageTests {

	@TempDir
	Path dir;

	@Test
	void redisStoppedLeavesTheTcpServiceUntouchedAndRedisBackMakesTheDirectoryWhole() throws Exception {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		try (RedisServer redis = RedisServer.start(this.dir);
				RunningGateway gateway = RunningGateway.startWithActuator(
						withAdmin("tcp-gateway.cluster.enabled=true", "tcp-gateway.cluster.node-id=alone",
								"tcp-gateway.cluster.entry-ttl=3s", "spring.data.redis.port=" + redis.port()));
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			ActuatorHttp actuator = ActuatorHttp.asAdmin(gateway.httpPort());
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> actuator.get("/actuator/tcpconnections?scope=cluster")
					.body()
					.contains("\"remotePort\":" + client.socket().getLocalPort()));
			assertThat(clusterStatus(actuator.get("/actuator/health").body())).isEqualTo("UP");

			redis.stop();
			// echo and local push go on
			assertThat(client.send("without redis").receiveString()).isEqualTo("without redis");
			String id = gateway.context().getBean(ConnectionRegistry.class).live().iterator().next().getConnectionId();
			ClusterConnections cluster = gateway.context().getBean(ClusterConnections.class);
			assertThat(cluster.send(id, "local push").found()).isTrue();
			assertThat(client.receiveString()).isEqualTo("local push");
			// cluster operations say Redis is unreachable; health is DOWN, readiness UP
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> listed = actuator.get("/actuator/tcpconnections?scope=cluster");
				assertThat(listed.statusCode()).isEqualTo(503);
				assertThat(listed.body()).contains("Redis unreachable");
			});
			assertThat(actuator.get("/actuator/tcpconnections/127.0.0.1:1:2:elsewhere").statusCode()).isEqualTo(503);
			assertThat(cluster.send("127.0.0.1:1:2:elsewhere", "x").outcome())
				.isEqualTo(ClusterResult.Outcome.REDIS_UNREACHABLE);
			HttpResponse<String> health = actuator.get("/actuator/health");
			assertThat(clusterStatus(health.body())).isEqualTo("DOWN");
			assertThat(health.body()).contains("Redis unreachable");
			HttpResponse<String> readiness = actuator.get("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"status\":\"UP\"");

			// Redis back, empty, on the same port: the node registers what it holds
			redis.start();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(actuator.get("/actuator/tcpconnections?scope=cluster").body())
					.contains("\"remotePort\":" + client.socket().getLocalPort()));
			assertThat(redis.cli("EXISTS", "tcp-gateway:conn:" + id)).isEqualTo("1");
			// and takes pushes on its channel again
			redis.cli("PUBLISH", "tcp-gateway:node:alone",
					ClusterCommand.send("other", id, "via redis".getBytes()).encode());
			assertThat(client.receiveString()).isEqualTo("via redis");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> clusterStatus(actuator.get("/actuator/health").body()).equals("UP"));
		}
	}

	@Test
	void redisUpGaugeFallsWhenAnEstablishedRedisGoesAwayAndRisesWhenItIsBack() throws Exception {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		try (RedisServer redis = RedisServer.start(this.dir);
				RunningGateway gateway = RunningGateway.start("tcp-gateway.cluster.enabled=true",
						"tcp-gateway.cluster.node-id=gauged", "spring.data.redis.port=" + redis.port())) {
			MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> redisUp(meters) == 1);

			// the Redis client reconnects by itself: no failed connection attempt is
			// counted
			redis.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> redisUp(meters) == 0);

			redis.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> redisUp(meters) == 1);
		}
	}

	private static double redisUp(MeterRegistry meters) {
		return meters.get(MicrometerClusterMetrics.CLUSTER_REDIS_UP).gauge().value();
	}

	@Test
	void redisDownAtStartupFailsNothing() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithActuator(withAdmin("tcp-gateway.cluster.enabled=true",
				"tcp-gateway.cluster.node-id=early", "spring.data.redis.port=1"));
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			ActuatorHttp actuator = ActuatorHttp.asAdmin(gateway.httpPort());
			assertThat(clusterStatus(actuator.get("/actuator/health").body())).isEqualTo("DOWN");
			assertThat(actuator.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(actuator.get("/actuator/tcpconnections?scope=cluster").statusCode()).isEqualTo(503);
		}
	}

	@Test
	void withTheClusterOffTheGatewayLeavesRedisAlone() throws Exception {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		try (RedisServer redis = RedisServer.start(this.dir);
				RunningGateway gateway = RunningGateway
					.startWithActuator(withAdmin("spring.data.redis.port=" + redis.port()));
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			ActuatorHttp actuator = ActuatorHttp.asAdmin(gateway.httpPort());
			HttpResponse<String> health = actuator.get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).doesNotContain("redis").doesNotContain("tcpGatewayCluster");
			assertThat(actuator.get("/actuator/tcpconnections?scope=cluster").statusCode()).isEqualTo(400);
			// the only client is redis-cli itself
			assertThat(redis.cli("INFO", "clients")).contains("connected_clients:1");
		}
	}

	/** The properties, and a user who may read health details and connections. */
	private static String[] withAdmin(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(ActuatorHttp.ADMIN_PROPERTIES));
		return all.toArray(String[]::new);
	}

	/** The status of the tcpGatewayCluster component in a health response. */
	static String clusterStatus(String health) {
		int component = health.indexOf("\"tcpGatewayCluster\":{");
		assertThat(component).as("tcpGatewayCluster in %s", health).isNotNegative();
		int status = health.indexOf("\"status\":\"", component) + 10;
		return health.substring(status, health.indexOf('"', status));
	}

}
