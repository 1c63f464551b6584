package io.tcpgateway.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A started {@code nio} gateway with Actuator on a port of its own runs at most 32
 * threads, the JVM's own included, on a machine whose JIT has two compiler threads.
 * Counted in a process of its own, from {@code /proc}, so the test JVM's threads do not
 * count; the JIT's compiler threads, whose number grows with the processors, are left out
 * of the bound and counted as two.
 */
@EnabledOnOs(OS.LINUX)
class GatewayThreadsTests {

	private static final int BOUND = 32;

	private static final int COMPILER_THREADS_ON_TWO_CPUS = 2;

	@Test
	void nioGatewayWithItsOwnManagementPortRunsAtMost32Threads(@TempDir Path dir) throws Exception {
		// Brave is on the test's class path for the trace tests: with a Tracer, Spring
		// Boot adds Prometheus exemplars, whose client library runs a scheduler thread of
		// its own that an application without tracing does not have
		try (GatewayProcess gateway = GatewayProcess.startWithJvmOptions(dir, List.of("-XX:+UseSerialGC"),
				"--management.server.port=0", "--spring.autoconfigure.exclude="
						+ "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")) {
			await().atMost(Duration.ofSeconds(60)).until(() -> gateway.log().contains("Started TcpGatewayApplication"));
			// Actuator answers on its own port, so its Tomcat has started its threads
			assertThat(new ActuatorHttp(managementPort(gateway)).get("/actuator/health").statusCode()).isEqualTo(200);
			List<String> names = threadNames(gateway.pid());
			long compilers = names.stream().filter((name) -> name.matches("C\\d CompilerThre.*")).count();
			assertThat(names.size() - compilers + COMPILER_THREADS_ON_TWO_CPUS).as("threads: %s", names)
				.isLessThanOrEqualTo(BOUND);
		}
	}

	private static int managementPort(GatewayProcess gateway) {
		// the second Tomcat to start is the management server's
		List<String> ports = gateway.log()
			.lines()
			.filter((line) -> line.contains("Tomcat started on port"))
			.map((line) -> line.replaceAll(".*Tomcat started on port (\\d+).*", "$1"))
			.toList();
		assertThat(ports).hasSize(2);
		return Integer.parseInt(ports.get(1));
	}

	private static List<String> threadNames(long pid) throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			return tasks.map((task) -> {
				try {
					return Files.readString(task.resolve("comm")).trim();
				}
				catch (IOException ex) {
					// a thread that ended while listing
					return null;
				}
			}).filter((name) -> name != null).sorted().toList();
		}
	}

}
