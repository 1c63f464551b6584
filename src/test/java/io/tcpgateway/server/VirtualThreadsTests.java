package io.tcpgateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * With {@code spring.threads.virtual.enabled=true} the handler pool and {@code net}
 * mode's connections run on virtual threads on Java 21+, and on platform threads, with
 * one WARN, on Java 17-20. Each handler here answers with the thread it runs on.
 */
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsTests {

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void blockingHandlersRunOnVirtualThreads() {
		try (RunningGateway gateway = RunningGateway.start(BlockingHandler.class,
				"spring.threads.virtual.enabled=true");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("which thread?").receiveString()).startsWith("VirtualThread[")
				.contains("tcp-gateway-handler-");
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void netConnectionsRunOnVirtualThreads() {
		try (RunningGateway gateway = RunningGateway.start(NonBlockingHandler.class,
				"spring.threads.virtual.enabled=true", "tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("which thread?").receiveString()).startsWith("VirtualThread[")
				.contains("tcp-gateway-connection-");
		}
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void withoutVirtualThreadsTheJvmsPlatformThreadsRunThemAfterOneWarning(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start(BlockingHandler.class, "spring.threads.virtual.enabled=true",
				"tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("which thread?").receiveString()).startsWith("Thread[tcp-gateway-handler-");
		}
		try (RunningGateway gateway = RunningGateway.start(NonBlockingHandler.class,
				"spring.threads.virtual.enabled=true", "tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("which thread?").receiveString()).startsWith("Thread[tcp-gateway-connection-");
		}
		// once a process, however many executors asked for virtual threads
		assertThat(settled(output).getOut().split("has no virtual threads", -1)).hasSizeLessThanOrEqualTo(2);
		assertThat(settled(output)).contains("spring.threads.virtual.enabled is true but Java "
				+ Runtime.version().feature() + " has no virtual threads (Java 21+)");
	}

	/**
	 * The built gateway on a local JDK 25 (as the lead's benchmark runs it), {@code net}
	 * mode on virtual threads: the JVM's JSON thread dump, which lists virtual threads,
	 * shows the connection's thread among them, and no platform thread carries its name.
	 */
	@Test
	void netConnectionsOfTheGatewayOnJava25RunOnVirtualThreads(@TempDir Path dir) throws Exception {
		Path java25 = Path.of(System.getenv().getOrDefault("TCP_GATEWAY_JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
		assumeThat(java25.resolve("bin/java")).as("a JDK 25 (TCP_GATEWAY_JAVA25)").isExecutable();
		try (GatewayProcess gateway = GatewayProcess.startOn(java25.resolve("bin/java"), dir,
				"--spring.threads.virtual.enabled=true", "--tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("on a virtual thread?")).isTrue();
			Path dump = dir.resolve("threads.json");
			Process jcmd = new ProcessBuilder(java25.resolve("bin/jcmd").toString(), Long.toString(gateway.pid()),
					"Thread.dump_to_file", "-format=json", dump.toString())
				.redirectErrorStream(true)
				.start();
			assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
			String threads = Files.readString(dump);
			assertThat(threads).contains("\"name\": \"tcp-gateway-connection-");
			List<String> platform = new ArrayList<>();
			try (var tasks = Files.list(Path.of("/proc", Long.toString(gateway.pid()), "task"))) {
				for (Path task : tasks.toList()) {
					platform.add(Files.readString(task.resolve("comm")).trim());
				}
			}
			assertThat(platform).noneMatch((name) -> name.startsWith("tcp-gateway-con"));
		}
	}

	static class BlockingHandler {

		@Bean
		TcpMessageHandler threadNameHandler() {
			return new TcpMessageHandler() {
				@Override
				public void handle(TcpRequest request, ReplySink replies) {
					replies.send(Thread.currentThread().toString());
				}
			};
		}

	}

	static class NonBlockingHandler {

		@Bean
		TcpMessageHandler threadNameHandler() {
			return new TcpMessageHandler() {
				@Override
				public void handle(TcpRequest request, ReplySink replies) {
					replies.send(Thread.currentThread().toString());
				}

				@Override
				public boolean isBlocking() {
					return false;
				}
			};
		}

	}

}
