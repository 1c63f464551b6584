package io.tcpgateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.testing.FramedClient;
import io.tcpgateway.testing.Lines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real process, stopped with SIGTERM while a client pipelines: it drains and exits with status 0.
 */
class StopSignalTests {

	private static final Pattern LISTENING = Pattern.compile("TCP gateway listening on \\*:(\\d+)");

	@Test
	void sigtermDrainsAndExitsWithZero(@TempDir Path workDir) throws Exception {
		Path log = workDir.resolve("gateway.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
				TcpGatewayApplication.class.getName(), "--tcp-gateway.port=0", "--server.port=0",
				"--spring.main.banner-mode=off"))
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			int port = await().atMost(Duration.ofSeconds(60)).until(() -> listeningPort(log), p -> p > 0);
			try (FramedClient client = FramedClient.connect(port, Framing.CRLF)) {
				assertThat(client.echoes("ready")).isTrue();
				client.sendRaw(Lines.numbered(0, 1000));
				process.destroy(); // SIGTERM
				for (int i = 0; i < 1000; i++) {
					assertThat(client.receiveString()).isEqualTo("line-" + i);
				}
				assertThat(client.awaitClosed()).isTrue();
			}
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(Files.readString(log)).isZero();
			assertThat(Files.readString(log)).contains("Drained").doesNotContain(" ERROR ");
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static int listeningPort(Path log) throws Exception {
		if (!Files.exists(log)) {
			return 0;
		}
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				Matcher matcher = LISTENING.matcher(line);
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			}
		}
		return 0;
	}

}
