package io.tcpgateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenSSL's engines (and the pooled buffers they borrow native memory from) start no
 * thread: a gateway process that has served TLS with them runs the same kinds of threads
 * as one that has served it with the JDK's. Counted from {@code /proc}, in processes of
 * their own.
 */
@EnabledOnOs(OS.LINUX)
class OpenSslThreadsTests {

	private static final String[] BUNDLE = {
			"--spring.ssl.bundle.jks.gateway.keystore.location=classpath:tls/server.p12",
			"--spring.ssl.bundle.jks.gateway.keystore.password=changeit",
			"--spring.ssl.bundle.jks.gateway.keystore.type=PKCS12", "--tcp-gateway.ssl.bundle=gateway" };

	@Test
	void servingTlsWithOpenSslStartsNoThreadTheJdksEnginesDoNot(@TempDir Path dir) throws Exception {
		Set<String> jdk = threadKindsAfterServingTls(dir.resolve("jdk"), TlsProvider.JDK);
		Set<String> openSsl = threadKindsAfterServingTls(dir.resolve("openssl"), TlsProvider.OPENSSL);
		assertThat(openSsl).as("threads beyond the JDK's: %s", diff(openSsl, jdk)).isSubsetOf(jdk);
	}

	private static Set<String> threadKindsAfterServingTls(Path dir, TlsProvider provider) throws Exception {
		Files.createDirectories(dir);
		String[] args = Stream
			.concat(Stream.of(BUNDLE),
					Stream.of("--tcp-gateway.ssl.provider=" + provider.name().toLowerCase(java.util.Locale.ROOT)))
			.toArray(String[]::new);
		try (GatewayProcess gateway = GatewayProcess.start(dir, args)) {
			for (int i = 0; i < 20; i++) {
				try (TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(false))) {
					assertThat(client.echoes("over tls " + i)).isTrue();
				}
			}
			return threadKinds(gateway.pid());
		}
	}

	/**
	 * @return the names of the process's threads, numbers left out (pools grow with load,
	 * the JIT with the processors)
	 */
	private static Set<String> threadKinds(long pid) throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			return tasks.map((task) -> {
				try {
					return Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "N");
				}
				catch (IOException ex) {
					// a thread that ended while listing
					return null;
				}
			}).filter((name) -> name != null).collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static Set<String> diff(Set<String> tested, Set<String> jdk) {
		Set<String> extra = new TreeSet<>(tested);
		extra.removeAll(jdk);
		return extra;
	}

}
