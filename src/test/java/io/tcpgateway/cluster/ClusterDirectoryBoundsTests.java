package io.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RedisServer;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What a gateway reads from a real Redis is bounded whoever wrote it: a node listed with
 * 200,000 connections costs a listing of one a page of them, a member of the node set
 * that is no node id is skipped, and a command on the gateway's channel longer than a
 * push may be is dropped before it is queued.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterDirectoryBoundsTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int FAKE_IDS = 200_000;

	@TempDir
	static Path dir;

	private static RedisServer redis;

	private static RunningGateway gateway;

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> connection;

	@BeforeAll
	static void startRedisAndAGateway() {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		redis = RedisServer.start(dir);
		gateway = RunningGateway.start("tcp-gateway.cluster.enabled=true", "tcp-gateway.cluster.node-id=a",
				"tcp-gateway.max-message-size=1KB", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port());
		client = RedisClient.create(RedisURI.create("127.0.0.1", redis.port()));
		connection = client.connect();
		// joined: subscribed to its channel
		await().atMost(WAIT)
			.until(() -> connection.sync().pubsubNumsub("tcp-gateway:node:a").get("tcp-gateway:node:a") == 1);
	}

	@AfterAll
	static void stopAll() {
		if (connection != null) {
			connection.close();
		}
		if (client != null) {
			client.shutdown();
		}
		if (gateway != null) {
			gateway.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void listingOfOneReadsAPageOfANodeWithTwoHundredThousandConnections() {
		ClusterConnections cluster = gateway.context().getBean(ClusterConnections.class);
		try (TcpTestConnection mine = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(mine.send("hello").receiveString()).isEqualTo("hello");
			await().atMost(WAIT).until(() -> cluster.list(10).connections().size() == 1);
			addFakeNode("fake");
			try {
				redis.cli("CONFIG", "RESETSTAT");
				ClusterListing listing = cluster.list(1);
				assertThat(listing.connections()).hasSize(1);
				assertThat(listing.nodes()).contains("a", "fake");
				assertThat(listing.total()).isEqualTo(FAKE_IDS + 1);
				String stats = redis.cli("INFO", "commandstats");
				assertThat(stats).doesNotContain("cmdstat_smembers:");
				assertThat(calls(stats, "hgetall")).isLessThanOrEqualTo(500);
				assertThat(calls(stats, "sscan")).isLessThanOrEqualTo(2);
			}
			finally {
				redis.cli("ZREM", "tcp-gateway:nodes", "fake");
				redis.cli("UNLINK", "tcp-gateway:conns:fake");
			}
		}
	}

	@Test
	void memberOfTheNodeSetThatIsNoNodeIdIsSkippedAndWarnedEscaped(CapturedOutput output) {
		ClusterConnections cluster = gateway.context().getBean(ClusterConnections.class);
		String bogus = "no node\r\nid";
		connection.sync().zadd("tcp-gateway:nodes", farFuture(), bogus);
		connection.sync().sadd("tcp-gateway:conns:" + bogus, "x");
		try {
			ClusterListing listing = cluster.list(10);
			assertThat(listing.nodes()).contains("a").doesNotContain(bogus);
			assertThat(cluster.findByKey("any").stream().map(ClusterEntry::node)).doesNotContain(bogus);
			assertThat(settled(output)).contains("that are no node id, the last: \"no node\\r\\nid\"");
		}
		finally {
			connection.sync().zrem("tcp-gateway:nodes", bogus);
			connection.sync().del("tcp-gateway:conns:" + bogus);
		}
	}

	@Test
	void pushLongerThanMaxMessageSizeOnTheChannelIsDroppedAndCountedNeverDelivered(CapturedOutput output) {
		MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
		double malformed = Meters.count(meters, MicrometerClusterMetrics.CLUSTER_COMMANDS_MALFORMED);
		try (TcpTestConnection target = TcpTestConnection.open(gateway.port(), Framing.CRLF, 4 * 1024 * 1024)) {
			assertThat(target.send("hello").receiveString()).isEqualTo("hello");
			String id = gateway.context().getBean(ConnectionRegistry.class).live().iterator().next().getConnectionId();
			byte[] huge = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
			assertThat(connection.sync().publish("tcp-gateway:node:a", ClusterCommand.send("b", id, huge).encode()))
				.isEqualTo(1);
			await().atMost(WAIT)
				.until(() -> Meters.count(meters, MicrometerClusterMetrics.CLUSTER_COMMANDS_MALFORMED) == malformed
						+ 1);
			// before it was queued: by its length, not by parsing it
			assertThat(settled(output))
				.containsPattern("WARN .*cluster command\\(s\\) longer than a push of at most 1024 bytes");
			// what arrives next on the channel is delivered, and is the first the client
			// gets
			connection.sync().publish("tcp-gateway:node:a", ClusterCommand.send("b", id, "after".getBytes()).encode());
			assertThat(target.receiveString()).isEqualTo("after");
		}
	}

	/**
	 * A node that refreshes far in the future, with {@value #FAKE_IDS} connections that
	 * each have an entry.
	 */
	private static void addFakeNode(String node) {
		RedisAsyncCommands<String, String> async = connection.async();
		String openedAt = Instant.now().toString();
		List<RedisFuture<?>> sent = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < FAKE_IDS; i++) {
			String id = "10.0.0.1:" + i + ":9000:fake";
			ids.add(id);
			sent.add(async.hset("tcp-gateway:conn:" + id,
					Map.of("node", node, "address", "10.0.0.1", "port", "1", "openedAt", openedAt)));
			if (ids.size() == 10_000) {
				sent.add(async.sadd("tcp-gateway:conns:" + node, ids.toArray(String[]::new)));
				ids.clear();
				awaitAll(sent);
			}
		}
		sent.add(async.zadd("tcp-gateway:nodes", farFuture(), node));
		awaitAll(sent);
	}

	private static void awaitAll(List<RedisFuture<?>> sent) {
		for (RedisFuture<?> future : sent) {
			assertThat(future.toCompletableFuture().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join())
				.isNotNull();
		}
		sent.clear();
	}

	private static double farFuture() {
		return System.currentTimeMillis() + Duration.ofHours(1).toMillis();
	}

	private static long calls(String stats, String command) {
		Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+),").matcher(stats);
		return calls.find() ? Long.parseLong(calls.group(1)) : 0;
	}

}
