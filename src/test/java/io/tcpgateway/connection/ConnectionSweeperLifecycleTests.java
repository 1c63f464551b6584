package io.tcpgateway.connection;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweeper's thread belongs to its lifecycle: building a sweeper starts none,
 * {@code start} starts one, {@code stop} ends it; the application's sweeper runs once the
 * context is started.
 */
class ConnectionSweeperLifecycleTests {

	@Test
	void sweeperThreadRunsFromStartUntilStopAndNotFromTheConstructor() {
		try (RunningGateway gateway = RunningGateway.start()) {
			assertThat(gateway.context().getBean(ConnectionSweeper.class).isRunning()).isTrue();
			Duration timeout = Duration.ofSeconds(1);
			Set<Thread> before = sweeperThreads();
			ConnectionSweeper sweeper = new ConnectionSweeper(gateway.context().getBean(ConnectionRegistry.class),
					new ConnectionTimeouts(timeout, timeout, timeout, timeout, timeout, timeout),
					new MemoryBudget("tcp-gateway.memory.inbound", 1024), null,
					gateway.context().getBean(GatewayServer.class).controls(), new WireLog(64), timeout);
			assertThat(sweeperThreads()).isSubsetOf(before);
			assertThat(sweeper.isRunning()).isFalse();
			sweeper.start();
			Set<Thread> started = sweeperThreads();
			started.removeAll(before);
			assertThat(started).hasSize(1);
			assertThat(sweeper.isRunning()).isTrue();
			sweeper.stop();
			assertThat(sweeper.isRunning()).isFalse();
			await().atMost(Duration.ofSeconds(10)).until(() -> !started.iterator().next().isAlive());
		}
	}

	private static Set<Thread> sweeperThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("tcp-gateway-sweeper-") && thread.isAlive())
			.collect(Collectors.toSet());
	}

}
