package io.tcpgateway.forward.tcp;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Setting up an upstream TLS connection: a failed attempt closes its socket whatever
 * failed; a host that SNI cannot carry is asked for no name; options the JDK refuses and
 * a server name SNI cannot carry fail startup naming the property, and so does hostname
 * verification turned off with a bundle that trusts the JDK's certificate authorities.
 */
@Timeout(60)
class ForwardTcpTlsSetupTests {

	private final ExecutorService assemblers = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.assemblers.shutdownNow();
	}

	@Test
	void attemptWhoseEngineCannotBeBuiltClosesItsSocket() throws Exception {
		try (ScriptedUpstream upstream = ScriptedUpstream.startTls(TestCertificates.serverContext("server.p12"),
				ScriptedUpstream.echo()); SocketChannel channel = connect(upstream.port())) {
			OrderedNioSslConnectionSupport support = new OrderedNioSslConnectionSupport(this.assemblers, () -> {
				throw new IllegalArgumentException("no such cipher suite");
			}, Duration.ofSeconds(10));
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> support.createNewConnection(channel, false, false, null, null))
				.withMessageContaining("no such cipher suite");
			assertThat(channel.isOpen()).isFalse();
		}
	}

	@Test
	void hostThatSniCannotCarryIsAskedForNoName() throws Exception {
		try (ScriptedUpstream upstream = ScriptedUpstream.startTls(TestCertificates.serverContext("server.p12"),
				ScriptedUpstream.echo()); SocketChannel channel = connect(upstream.port())) {
			UpstreamTls tls = new UpstreamTls(bundle(), null, false);
			TcpNioConnection connection = new OrderedNioSslConnectionSupport(this.assemblers,
					() -> tls.newEngine("my_upstream", upstream.port()), Duration.ofSeconds(10))
				.createNewConnection(channel, false, false, null, null);
			assertThat(connection.getSslSession().getPeerCertificates()).isNotEmpty();
			assertThat(tls.newEngine("my_upstream", 1).getSSLParameters().getServerNames()).isNullOrEmpty();
			assertThat(tls.newEngine("upstream.", 1).getSSLParameters().getServerNames()).isNullOrEmpty();
			assertThat(tls.newEngine("upstream.example", 1).getSSLParameters().getServerNames()).hasSize(1);
			connection.close();
		}
	}

	@Test
	void cipherSuiteTheJdkDoesNotKnowFailsStartupNamingTheBundle() {
		assertThatException()
			.isThrownBy(() -> start("spring.ssl.bundle.jks.upstream.options.ciphers=TLS_NO_SUCH_SUITE"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("tcp-gateway.forward.tcp.ssl.bundle")
				.hasStackTraceContaining("TLS_NO_SUCH_SUITE"));
	}

	@Test
	void serverNameThatSniCannotCarryFailsStartupNamingTheProperty() {
		assertThatException().isThrownBy(() -> start("tcp-gateway.forward.tcp.ssl.server-name=my_upstream"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("ssl.server-name")
				.hasStackTraceContaining("my_upstream"));
	}

	@Test
	void hostnameVerificationOffWithABundleWithoutTrustStoreFailsStartupNamingTheProperty() {
		String prefix = "spring.ssl.bundle.jks.public.keystore.";
		assertThatException()
			.isThrownBy(() -> RunningGateway.start(prefix + "location=classpath:tls/client.p12",
					prefix + "password=changeit", prefix + "type=PKCS12", "tcp-gateway.forward.tcp.host=127.0.0.1",
					"tcp-gateway.forward.tcp.port=7000", "tcp-gateway.forward.tcp.ssl.bundle=public",
					"tcp-gateway.forward.tcp.ssl.verify-hostname=false"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("tcp-gateway.forward.tcp.ssl.verify-hostname")
				.hasStackTraceContaining("no trust store"));
	}

	private static SocketChannel connect(int port) throws Exception {
		return SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
	}

	private static SslBundle bundle() {
		try (RunningGateway gateway = start()) {
			return gateway.context().getBean(SslBundles.class).getBundle("upstream");
		}
	}

	private static RunningGateway start(String... more) {
		List<String> properties = new ArrayList<>(TestCertificates.trustBundle("upstream", "client-trust.p12"));
		properties.addAll(List.of("tcp-gateway.forward.tcp.host=127.0.0.1", "tcp-gateway.forward.tcp.port=7000",
				"tcp-gateway.forward.tcp.ssl.bundle=upstream"));
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

}
