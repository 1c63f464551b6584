package io.tcpgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Dockerfile's own training and start commands, run outside Docker against the built
 * jar on a local Java 25: the training run (the script the Dockerfile binds in, with its
 * arguments) echoes, asks the management port, records an AOT cache and exits, with the
 * JVM flags the gateway starts with; the gateway then starts from that cache (the JVM
 * refuses to start otherwise, with {@code -XX:AOTMode=on}) and echoes.
 *
 * <p>
 * Needs the runnable jar ({@code target/tcp-gateway-*-exec.jar}; {@code .ci/run} runs
 * this test again after {@code verify} has built it) and a JDK 25 at
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64} or {@code $TCP_GATEWAY_JAVA25}; skipped
 * without either.
 */
class DockerfileTests {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	/**
	 * The training run: the script bound into the build, run with bash, and its
	 * arguments.
	 */
	private static final Pattern TRAINING = Pattern
		.compile("(?m)^RUN --mount=type=bind,source=(\\S+),target=(\\S+) bash (\\S+) (.*)$");

	private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$");

	private static final Pattern LISTENING = Pattern.compile("TCP gateway listening on \\*:(\\d+)");

	@Test
	void trainingRunRecordsAnAotCacheAndTheGatewayListensFromIt(@TempDir Path dir) throws Exception {
		String dockerfile = Files.readString(DOCKERFILE);
		assertThat(dockerfile).contains("FROM eclipse-temurin:25-jre");
		Matcher training = TRAINING.matcher(dockerfile);
		Matcher entrypoint = ENTRYPOINT.matcher(dockerfile);
		assertThat(training.find()).as("the Dockerfile's AOT training run").isTrue();
		assertThat(entrypoint.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
		Path java = java25();
		assumeThat(java).as("a JDK 25 (TCP_GATEWAY_JAVA25)").isNotNull();
		Path jar = builtJar();
		assumeThat(jar).as("the packaged jar (./mvnw package)").isNotNull();

		// as the image's first stage: the jar extracted, under the name the Dockerfile
		// gives it
		run(dir, List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
				"--destination", dir.resolve("extracted").toString()), Duration.ofSeconds(60));
		Path workspace = dir.resolve("extracted");
		Files.move(workspace.resolve(jar.getFileName()), workspace.resolve("application.jar"),
				StandardCopyOption.REPLACE_EXISTING);

		// the script from the repository, where the Dockerfile's build binds it from
		assertThat(training.group(3)).isEqualTo(training.group(2));
		Path script = Path.of(training.group(1));
		assertThat(script).isRegularFile();
		List<String> trainingArguments = Arrays.asList(training.group(4).trim().split("\\s+"));
		List<String> entrypointCommand = entrypointCommand(entrypoint.group(1));
		assertThat(trainingArguments.subList(0, 2)).containsExactly("application.aot", "application.jar");
		assertThat(trainingArguments.subList(2, trainingArguments.size()))
			.as("the training run's JVM flags, the cache's own")
			.isEqualTo(jvmFlags(entrypointCommand));

		List<String> train = new ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
		train.addAll(trainingArguments);
		assertThat(run(workspace, train, Map.of("JAVA", java.toString()), Duration.ofMinutes(5)))
			.as("the training run's exit status")
			.isZero();
		assertThat(workspace.resolve("application.aot")).isNotEmptyFile();

		List<String> start = withJava(java, entrypointCommand);
		// refuse to start unless the cache is used
		start.add(1, "-XX:AOTMode=on");
		start.addAll(List.of("--tcp-gateway.port=0", "--server.port=0", "--spring.main.banner-mode=off"));
		Path log = workspace.resolve("gateway.log");
		Process gateway = new ProcessBuilder(start).directory(workspace.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			int port = await().atMost(Duration.ofSeconds(60))
				.until(() -> listeningPort(log), found -> found > 0 || !gateway.isAlive());
			assertThat(port).as("listening port; log:%n%s", Files.readString(log)).isPositive();
			try (TcpTestConnection client = TcpTestConnection.open(port, Framing.CRLF)) {
				assertThat(client.echoes("from the AOT cache")).isTrue();
			}
		}
		finally {
			gateway.destroy();
			if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
				gateway.destroyForcibly();
			}
		}
	}

	private static List<String> entrypointCommand(String array) {
		List<String> command = new ArrayList<>();
		Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(array);
		while (quoted.find()) {
			command.add(quoted.group(1));
		}
		assertThat(command).contains("-XX:AOTCache=application.aot", "application.jar");
		return command;
	}

	/** The flags between {@code java} and {@code -jar}, but the cache to start from. */
	private static List<String> jvmFlags(List<String> command) {
		return command.subList(1, command.indexOf("-jar"))
			.stream()
			.filter((flag) -> !flag.startsWith("-XX:AOTCache="))
			.toList();
	}

	private static List<String> withJava(Path java, List<String> command) {
		assertThat(command.get(0)).isEqualTo("java");
		List<String> result = new ArrayList<>(command);
		result.set(0, java.toString());
		return result;
	}

	private static int run(Path dir, List<String> command, Duration timeout) throws Exception {
		return run(dir, command, Map.of(), timeout);
	}

	private static int run(Path dir, List<String> command, Map<String, String> environment, Duration timeout)
			throws Exception {
		Path log = dir.resolve("command-" + System.nanoTime() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not finish:\n" + Files.readString(log));
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(command + " failed:\n" + Files.readString(log));
		}
		return process.exitValue();
	}

	private static int listeningPort(Path log) throws IOException {
		if (!Files.exists(log)) {
			return 0;
		}
		Matcher matcher = LISTENING.matcher(Files.readString(log));
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	private static Path java25() {
		String configured = System.getenv("TCP_GATEWAY_JAVA25");
		Path home = Path.of((configured != null) ? configured : "/usr/lib/jvm/temurin-25-jdk-amd64");
		Path java = home.resolve("bin/java");
		return Files.isExecutable(java) ? java : null;
	}

	private static Path builtJar() throws IOException {
		Path target = Path.of("target");
		if (!Files.isDirectory(target)) {
			return null;
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches("tcp-gateway-.*-exec\\.jar"))
				.findFirst()
				.orElse(null);
		}
	}

}
