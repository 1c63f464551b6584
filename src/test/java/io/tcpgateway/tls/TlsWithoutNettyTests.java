package io.tcpgateway.tls;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A host whose class path has no Netty (and so no Lettuce, which needs it), in a process
 * of its own: the JDK's TLS serves as ever, since nothing loads Netty's classes unless
 * {@code tcp-gateway.ssl.provider} is {@code openssl}, and asking for OpenSSL there fails
 * startup naming the property and what to add.
 */
class TlsWithoutNettyTests {

	private static final String[] BUNDLE = {
			"--spring.ssl.bundle.jks.gateway.keystore.location=classpath:tls/server.p12",
			"--spring.ssl.bundle.jks.gateway.keystore.password=changeit",
			"--spring.ssl.bundle.jks.gateway.keystore.type=PKCS12", "--tcp-gateway.ssl.bundle=gateway" };

	@Test
	void jdkTlsServesWithoutNetty(@TempDir Path dir) throws Exception {
		try (GatewayProcess gateway = GatewayProcess.startWithClassPath(dir, TlsWithoutNettyTests::notNetty, BUNDLE);
				TcpTestConnection client = TcpTestConnection.openTls(gateway.port(), Framing.CRLF,
						TlsClients.clientContext(false))) {
			assertThat(client.echoes("no netty here")).isTrue();
		}
	}

	@Test
	void openSslWithoutNettyFailsStartupNamingThePropertyAndWhatToAdd(@TempDir Path dir) {
		String[] args = Stream.concat(Stream.of(BUNDLE), Stream.of("--tcp-gateway.ssl.provider=openssl"))
			.toArray(String[]::new);
		assertThatException()
			.isThrownBy(() -> GatewayProcess.startWithClassPath(dir, TlsWithoutNettyTests::notNetty, args))
			.withMessageContaining("APPLICATION FAILED TO START")
			.withMessageContaining("configuration property 'tcp-gateway.ssl.provider'")
			.withMessageContaining("io.netty:netty-handler");
	}

	@Test
	void theClassPathFilterDropsNettyAndLettuce() {
		// else the tests above would prove nothing of a host without Netty
		List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
		assertThat(entries).anyMatch((entry) -> entry.contains("netty-handler"))
			.anyMatch((entry) -> entry.contains("lettuce-core"));
		assertThat(entries.stream().filter((entry) -> !notNetty(entry)))
			.anyMatch((entry) -> entry.contains("netty-handler"))
			.anyMatch((entry) -> entry.contains("netty-tcnative"))
			.anyMatch((entry) -> entry.contains("lettuce-core"))
			.noneMatch((entry) -> entry.contains("spring-integration-ip"));
	}

	private static boolean notNetty(String classPathEntry) {
		String entry = classPathEntry.replace('\\', '/');
		return !entry.contains("/io/netty/") && !entry.contains("/io/lettuce/");
	}

}
