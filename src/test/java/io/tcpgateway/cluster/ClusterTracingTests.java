package io.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import brave.handler.MutableSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.CollectedSpans;
import io.tcpgateway.testing.RedisServer;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two traced gateways on one real Redis, both in the test's JVM so that the spans of each
 * can be read: a push published on A is delivered on B in A's trace.
 */
@Timeout(90)
class ClusterTracingTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	static Path dir;

	private static RedisServer redis;

	private static RunningGateway a;

	private static RunningGateway b;

	@BeforeAll
	static void startRedisAndTwoGateways() {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		redis = RedisServer.start(dir);
		a = RunningGateway.start(CollectedSpans.Configuration.class, cluster("a"));
		b = RunningGateway.start(CollectedSpans.Configuration.class, cluster("b"));
	}

	@AfterAll
	static void stopAll() {
		for (AutoCloseable closeable : new AutoCloseable[] { b, a, redis }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// closing the others anyway
				}
			}
		}
	}

	private static String[] cluster(String node) {
		return new String[] { CollectedSpans.PROPERTIES, "tcp-gateway.cluster.enabled=true",
				"tcp-gateway.cluster.node-id=" + node, "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port() };
	}

	private static CollectedSpans spans(RunningGateway gateway) {
		return gateway.context().getBean(CollectedSpans.class);
	}

	/** The id of B's one client, once A finds it in the directory. */
	private static String listedOnA(TcpTestConnection client) {
		assertThat(client.send("hello").receiveString()).isEqualTo("hello");
		String id = b.context()
			.getBean(ConnectionRegistry.class)
			.live()
			.stream()
			.filter((connection) -> connection.context().remoteAddress().getPort() == client.socket().getLocalPort())
			.findAny()
			.orElseThrow()
			.context()
			.id();
		ClusterConnections clusterA = a.context().getBean(ClusterConnections.class);
		await().atMost(WAIT).until(() -> clusterA.find(id) != null);
		return id;
	}

	@Test
	void aPushPublishedOnOneGatewayIsDeliveredOnTheOtherInTheSameTrace() {
		try (TcpTestConnection client = TcpTestConnection.open(b.port(), Framing.CRLF)) {
			String id = listedOnA(client);
			ObservationRegistry registryA = a.context().getBean(TcpGatewayObservations.class).registry();
			ClusterConnections clusterA = a.context().getBean(ClusterConnections.class);
			Observation caller = Observation.start("test.caller", registryA);
			try (Observation.Scope scope = caller.openScope()) {
				assertThat(clusterA.send(id, "pushed").outcome()).isEqualTo(ClusterResult.Outcome.SENT);
			}
			caller.stop();
			assertThat(client.receiveString()).isEqualTo("pushed");

			await().atMost(WAIT).until(() -> !spans(a).named("test.caller").isEmpty());
			MutableSpan callerSpan = spans(a).named("test.caller").get(0);
			List<MutableSpan> published = spans(a).inTrace(callerSpan.traceId(), ClusterObservations.PUBLISH);
			assertThat(published).hasSize(1);
			MutableSpan publish = published.get(0);
			assertThat(publish.parentId()).isEqualTo(callerSpan.id());
			assertThat(publish.tags()).containsEntry(ClusterObservations.OP, "send");

			await().atMost(WAIT)
				.until(() -> !spans(b).inTrace(callerSpan.traceId(), ClusterObservations.DELIVERY).isEmpty());
			MutableSpan delivery = spans(b).inTrace(callerSpan.traceId(), ClusterObservations.DELIVERY).get(0);
			assertThat(delivery.parentId()).isEqualTo(publish.id());
			assertThat(delivery.tags()).containsEntry(ClusterObservations.OP, "send")
				.containsEntry(ClusterObservations.SENDER, "a");
		}
	}

	@Test
	void aPushToAKeyNoOtherGatewayHoldsStartsNoPublishSpan() {
		ObservationRegistry registryA = a.context().getBean(TcpGatewayObservations.class).registry();
		ClusterConnections clusterA = a.context().getBean(ClusterConnections.class);
		Observation caller = Observation.start("test.unheld", registryA);
		try (Observation.Scope scope = caller.openScope()) {
			assertThat(clusterA.sendToKey("held-by-nobody", "lost").outcome())
				.isEqualTo(ClusterResult.Outcome.NOT_FOUND);
			assertThat(clusterA.closeKey("held-by-nobody").outcome()).isEqualTo(ClusterResult.Outcome.NOT_FOUND);
		}
		caller.stop();
		await().atMost(WAIT).until(() -> !spans(a).named("test.unheld").isEmpty());
		MutableSpan callerSpan = spans(a).named("test.unheld").get(0);
		// a publish span would have ended, and been collected, before its caller's
		assertThat(spans(a).inTrace(callerSpan.traceId(), ClusterObservations.PUBLISH)).isEmpty();
	}

	@Test
	void aCommandWithoutContextOrWithOneThatCannotBeReadIsStillDelivered() {
		try (TcpTestConnection client = TcpTestConnection.open(b.port(), Framing.CRLF)) {
			String id = listedOnA(client);
			String channel = "tcp-gateway:node:b";
			String before = "tgw1 send a " + id + " " + base64("as before");
			String unreadable = before + " ctx=!!not-base64!!";
			String oversize = before + " ctx=" + "A".repeat(CommandContext.MAX_TOKEN + 4);
			for (String command : new String[] { before, unreadable, oversize }) {
				int delivered = spans(b).named(ClusterObservations.DELIVERY).size();
				assertThat(redis.cli("PUBLISH", channel, command)).isEqualTo("1");
				assertThat(client.receiveString()).isEqualTo("as before");
				// delivered in a trace of its own
				await().atMost(WAIT).until(() -> spans(b).named(ClusterObservations.DELIVERY).size() > delivered);
				MutableSpan delivery = spans(b).named(ClusterObservations.DELIVERY).get(delivered);
				assertThat(delivery.parentId()).isNull();
			}
		}
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
