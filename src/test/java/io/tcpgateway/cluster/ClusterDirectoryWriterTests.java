package io.tcpgateway.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RedisServer;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The directory's batches against a real Redis, written for a gateway's real connections
 * (its cluster off, so that only the test writes): what a batch costs in commands, and
 * what it leaves in Redis.
 */
class ClusterDirectoryWriterTests {

	private static final String NODE = "w";

	@TempDir
	static Path dir;

	private static RedisServer redis;

	private static RunningGateway gateway;

	private static RedisClient client;

	private static RedisLink link;

	private static DirectoryWriter writer;

	@BeforeAll
	static void startRedisAndAGateway() {
		assumeThat(RedisServer.binary()).as("the redis-server binary (apt-get install redis-server)").isNotNull();
		redis = RedisServer.start(dir);
		gateway = RunningGateway.start();
		client = RedisClient.create(RedisURI.create("127.0.0.1", redis.port()));
		link = new RedisLink(() -> client, Duration.ofSeconds(5), ClusterMetrics.NONE);
		assertThat(link.connect("tcp-gateway:node:" + NODE, (message) -> {
		})).isTrue();
		writer = new DirectoryWriter(link, new DirectoryLayout("tcp-gateway:"), 30_000);
	}

	@AfterAll
	static void stopAll() {
		if (link != null) {
			link.close();
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

	@BeforeEach
	void emptyRedis() {
		redis.cli("FLUSHALL");
		redis.cli("CONFIG", "RESETSTAT");
	}

	@Test
	void aConnectionOpenedAndClosedWithinOneBatchCostsNoCommandAndTheOthersShareTheSetsCommands() throws Exception {
		try (TcpTestConnection one = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection two = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection three = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			List<Connection> live = live(3);
			Connection gone = live.get(0);
			writer.write(NODE, List.of(new DirectoryChange.Opened(live.get(0), true),
					new DirectoryChange.Opened(live.get(1), true), new DirectoryChange.Opened(live.get(2), true),
					new DirectoryChange.Closed(gone.getConnectionId(), Set.of())), 0);
			assertThat(redis.cli("EXISTS", "tcp-gateway:conn:" + gone.getConnectionId())).isEqualTo("0");
			assertThat(redis.cli("SMEMBERS", "tcp-gateway:conns:" + NODE).lines().sorted()).containsExactlyElementsOf(
					List.of(live.get(1).getConnectionId(), live.get(2).getConnectionId()).stream().sorted().toList());
			assertThat(Long.parseLong(redis.cli("PTTL", "tcp-gateway:conn:" + live.get(1).getConnectionId())))
				.isPositive();
			String stats = redis.cli("INFO", "commandstats");
			assertThat(stats).contains("cmdstat_hset:calls=2,").contains("cmdstat_sadd:calls=1,");
			assertThat(stats).doesNotContain("cmdstat_del:").doesNotContain("cmdstat_srem:");
		}
	}

	@Test
	void aConnectionARefreshMayHaveWrittenHasItsCloseWrittenAndThoseClosedShareOneDel() throws Exception {
		try (TcpTestConnection one = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection two = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			List<Connection> live = live(2);
			writer.refresh(NODE, live);
			assertThat(redis.cli("SCARD", "tcp-gateway:conns:" + NODE)).isEqualTo("2");
			redis.cli("CONFIG", "RESETSTAT");
			// both opened before the refresh ended: only the changes from index 2 on
			// coalesce
			writer.write(NODE,
					List.of(new DirectoryChange.Opened(live.get(0), true),
							new DirectoryChange.Opened(live.get(1), true),
							new DirectoryChange.Closed(live.get(0).getConnectionId(), Set.of()),
							new DirectoryChange.Closed(live.get(1).getConnectionId(), Set.of())),
					2);
			assertThat(redis.cli("KEYS", "tcp-gateway:conn:*")).isEmpty();
			assertThat(redis.cli("SCARD", "tcp-gateway:conns:" + NODE)).isEqualTo("0");
			assertThat(redis.cli("INFO", "commandstats")).contains("cmdstat_del:calls=1,")
				.contains("cmdstat_srem:calls=1,");
		}
	}

	@Test
	void aConnectionWhoseProxyHeaderArrivedWithinTheBatchHasItsCloseWritten() throws Exception {
		try (TcpTestConnection one = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			Connection connection = live(1).get(0);
			writer.write(NODE, List.of(new DirectoryChange.Opened(connection, true)), 0);
			assertThat(redis.cli("EXISTS", "tcp-gateway:conn:" + connection.getConnectionId())).isEqualTo("1");
			// the header's arrival is not the connection's first change: its entry may be
			// in
			// Redis
			writer.write(NODE, List.of(new DirectoryChange.Opened(connection, false),
					new DirectoryChange.Closed(connection.getConnectionId(), Set.of())), 0);
			assertThat(redis.cli("EXISTS", "tcp-gateway:conn:" + connection.getConnectionId())).isEqualTo("0");
			assertThat(redis.cli("SCARD", "tcp-gateway:conns:" + NODE)).isEqualTo("0");
		}
	}

	/** The gateway's live connections, once there are that many. */
	private static List<Connection> live(int count) {
		ConnectionRegistry registry = gateway.context().getBean(ConnectionRegistry.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> registry.live().size() == count);
		return new ArrayList<>(registry.live());
	}

}
