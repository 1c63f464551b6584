package io.tcpgateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.HiddenLibraries;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Startup fails, with a message naming the property, when the gateway cannot serve as
 * configured.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@Test
	void portInUseFailsStartupNamingThePortAndTheProperty(CapturedOutput output) throws Exception {
		try (ServerSocket occupied = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int port = occupied.getLocalPort();
			assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.port=" + port))
				.withRootCauseInstanceOf(java.net.BindException.class)
				.satisfies(ex -> assertThat(ex)
					.hasStackTraceContaining("TCP gateway could not listen on *:" + port + " (tcp-gateway.port)"));
			assertThat(settled(output))
				.contains("TCP gateway failed to start: port " + port + " is already in use (tcp-gateway.port).");
		}
	}

	@ParameterizedTest
	@CsvSource({ "backlog, -1", "framing, bogus", "io-mode, epoll", "port, 70000", "max-message-size, 0",
			"outbound.max-pending, -1KB", "selector.event-loops, 0", "selector.read-delay, 0ms",
			"selector.stall-timeout, 0s", "socket.receive-buffer-size, 0", "max-buffered-bytes, 16KB",
			"outbound.max-pending-total, 512KB", "frame-timeout, -1s", "rate-limit.messages-per-second, 0",
			"rate-limit.bytes-per-second, 0B", "rate-limit.connections-per-second, -5", "rate-limit.burst, 0s",
			"heartbeat.interval, -1s", "wire-log.max-bytes, 0B", "handler.reply-timeout, -1s",
			"forward.http.url, ftp://example.com/frames", "forward.http.url, /frames", "forward.http.url, http:frames",
			"forward.http.timeout, 0s", "forward.http.max-concurrency, 0", "forward.http.content-type, bogus",
			"forward.http.content-type, application/*", "cluster.entry-ttl, 2s", "cluster.node-id, a:b",
			"cluster.node-id, a b", "cluster.timeout, 0s", "cluster.key-prefix, 'a b'", "cluster.queue-capacity, 0",
			"enabled, maybe", "observations.mode, sometimes", "port, -1", "backlog, 0", "max-connections, 0",
			"max-connections-per-client, 0" })
	void invalidValueFailsStartupNamingTheProperty(String property, String value, CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway." + property + "=" + value));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START").contains("tcp-gateway." + property);
	}

	@ParameterizedTest
	@CsvSource({ "port, 70000", "port, 0", "pool-size, 0", "connect-timeout, 0s", "reply-timeout, -1s", "mode, bogus",
			"threads, 0", "framing, raw" })
	void invalidForwardTcpValueFailsStartupNamingTheProperty(String property, String value, CapturedOutput output) {
		String port = property.equals("port") ? value : "7000";
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + port, "tcp-gateway.forward.tcp." + property + "=" + value));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.forward.tcp." + property);
	}

	@ParameterizedTest
	@CsvSource({ "v1", "v2", "any" })
	void proxyProtocolWithoutTrustedProxiesFailsStartupNamingTheProperty(String mode, CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.proxy-protocol.mode=" + mode));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.proxy-protocol.trusted-proxies")
			.contains("0.0.0.0/0,::/0");
	}

	@ParameterizedTest
	@CsvSource({ "framming=lf, tcp-gateway.framing",
			"forward.http.uri=http://127.0.0.1:1/f, tcp-gateway.forward.http.url",
			"proxy-protocol.trusted-proxy=10.0.0.0/8, tcp-gateway.proxy-protocol.trusted-proxies",
			"outbound.maxPendng=2MB, tcp-gateway.outbound.max-pending",
			"cluster.enabeld=true, tcp-gateway.cluster.enabled", "sll.bundle=gateway, tcp-gateway.ssl.bundle",
			"forward.tcp.pool-szie=2, tcp-gateway.forward.tcp.pool-size", "enabeld=false, tcp-gateway.enabled",
			"observations.mdoe=never, tcp-gateway.observations.mode" })
	void unknownPropertyFailsStartupNamingItAndTheNearestKnownOne(String property, String meant,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway." + property));
		String name = "tcp-gateway." + property.substring(0, property.indexOf('='));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("Property: " + name.toLowerCase(java.util.Locale.ROOT))
			.contains("did you mean " + meant + "?");
	}

	@Test
	void relaxedNamesIndexesAndEnvironmentVariablesStillBind() {
		// TCP_GATEWAY_SERVICE_HOST: what Kubernetes sets for a Service named tcp-gateway
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("TCP_GATEWAY_PORT", "9100", "TCP_GATEWAY_MAX_MESSAGE_SIZE", "1KB",
										"TCP_GATEWAY_SERVICE_HOST", "10.0.0.1"))))
			.withPropertyValues("tcp-gateway.frameTimeout=7s",
					"tcp-gateway.proxy-protocol.trusted-proxies[0]=10.0.0.0/8", "tcp-gateway.Outbound.MAX_PENDING=2MB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TcpGatewayProperties properties = context.getBean(TcpGatewayProperties.class);
				assertThat(properties.getPort()).isEqualTo(9100);
				assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofKilobytes(1));
				assertThat(properties.getFrameTimeout()).hasSeconds(7);
				assertThat(properties.getProxyProtocol().getTrustedProxies()).containsExactly("10.0.0.0/8");
				assertThat(properties.getOutbound().getMaxPending()).isEqualTo(DataSize.ofMegabytes(2));
			});
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withPropertyValues("tcp-gateway.heartbeat.intervall=5s")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(UnknownPropertiesException.class)
				.hasMessageContaining(
						"tcp-gateway.heartbeat.intervall (did you mean tcp-gateway.heartbeat.interval?)"));
	}

	@Test
	void groupWhoseChildrenAreCommentedOutFailsStartupSayingItIsAGroup() {
		// the binder alone refuses the empty value too, only as a String it cannot
		// convert
		new ApplicationContextRunner().withUserConfiguration(BindingOnly.class)
			.withInitializer((context) -> addYaml(context.getEnvironment(), "commented-out-children.yml"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ConverterNotFoundException.class));
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withInitializer((context) -> addYaml(context.getEnvironment(), "commented-out-children.yml"))
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(UnknownPropertiesException.class)
				.hasMessage("Unknown properties: tcp-gateway.heartbeat (a group of properties, which takes no value"
						+ " of its own: set properties under it, or remove it)"));
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.withInitializer((context) -> addYaml(context.getEnvironment(), "misspelt-empty-group.yml"))
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(UnknownPropertiesException.class)
				.hasMessage("Unknown properties: tcp-gateway.heartbeet (did you mean tcp-gateway.heartbeat?)"));
	}

	private static void addYaml(ConfigurableEnvironment environment, String name) {
		try {
			new YamlPropertySourceLoader().load(name, new ClassPathResource(name, StartupFailureTests.class))
				.forEach(environment.getPropertySources()::addFirst);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TcpGatewayProperties.class)
	static class BindingOnly {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TcpGatewayProperties.class)
	static class PropertiesOnly {

		@Bean
		static UnknownPropertiesCheck unknownPropertiesCheck(ConfigurableEnvironment environment) {
			return new UnknownPropertiesCheck(environment);
		}

	}

	@Test
	void forwardTcpWithTheApplicationsOwnHandlerFailsStartupNamingBoth(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start(OwnHandler.class,
				"tcp-gateway.forward.tcp.host=127.0.0.1", "tcp-gateway.forward.tcp.port=7000"));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.forward.tcp.host")
			.contains("TcpMessageHandler bean [ownHandler]");
	}

	static class OwnHandler {

		@org.springframework.context.annotation.Bean
		io.tcpgateway.handler.TcpMessageHandler ownHandler() {
			return (request, replies) -> replies.send("mine");
		}

	}

	static Stream<Arguments> heartbeatsTheFramingCannotCarry() {
		return Stream.of(Arguments.of("crlf", "PI\r\nNG"), Arguments.of("length-header-1", "x".repeat(300)),
				Arguments.of("raw", "PING"));
	}

	@ParameterizedTest
	@MethodSource("heartbeatsTheFramingCannotCarry")
	void heartbeatTheFramingCannotCarryFailsStartupNamingTheProperty(String framing, String payload,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.framing=" + framing,
				"tcp-gateway.heartbeat.interval=1s", "tcp-gateway.heartbeat.payload=" + payload));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START").contains("tcp-gateway.heartbeat.payload");
	}

	@Test
	void customFramingWithoutItsBeansFailsStartupNamingThePropertyAndTheBeanTypes(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.framing=custom"));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.framing")
			.contains("io.tcpgateway.framing.FrameDecoderFactory")
			.contains("io.tcpgateway.framing.FrameEncoder");
	}

	private static final String[] TLS_BUNDLE = {
			"spring.ssl.bundle.jks.gateway.keystore.location=classpath:tls/server.p12",
			"spring.ssl.bundle.jks.gateway.keystore.password=changeit",
			"spring.ssl.bundle.jks.gateway.keystore.type=PKCS12", "tcp-gateway.ssl.bundle=gateway" };

	@Test
	void openSslWithoutABundleFailsStartupNamingTheProperties(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.ssl.provider=openssl"));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("configuration property 'tcp-gateway.ssl.provider'")
			.contains("set tcp-gateway.ssl.bundle");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLS_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" })
	void openSslWithACipherListItCannotHonourFailsStartupNamingBothProperties(String ciphers, CapturedOutput output) {
		// the JDK would serve only AES-256 on TLS 1.3, or no TLS 1.3 at all; BoringSSL
		// would serve all three TLS 1.3 suites
		assertThatException()
			.isThrownBy(() -> RunningGateway.start(TLS_BUNDLE[0], TLS_BUNDLE[1], TLS_BUNDLE[2], TLS_BUNDLE[3],
					"spring.ssl.bundle.jks.gateway.options.ciphers=" + ciphers, "tcp-gateway.ssl.provider=openssl"));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("spring.ssl.bundle.*.gateway.options.ciphers")
			.contains("tcp-gateway.ssl.provider=jdk")
			.contains("enabled-protocols");
	}

	@Test
	void openSslInTheBlockingModeFailsStartupNamingBothProperties(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start(TLS_BUNDLE[0], TLS_BUNDLE[1], TLS_BUNDLE[2],
				TLS_BUNDLE[3], "tcp-gateway.ssl.provider=openssl", "tcp-gateway.io-mode=net"));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("configuration property 'tcp-gateway.ssl.provider'")
			.contains("tcp-gateway.io-mode=net");
	}

	@Test
	void openSslWithoutNettyFailsStartupNamingThePropertyAndWhatToAdd() {
		new ApplicationContextRunner().withClassLoader(HiddenLibraries.NETTY)
			.withConfiguration(GatewayAutoConfigurations.all())
			.withPropertyValues(TLS_BUNDLE)
			.withPropertyValues("tcp-gateway.port=0", "tcp-gateway.ssl.provider=openssl")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("tcp-gateway.ssl.provider")
				.hasMessageContaining("io.netty:netty-tcnative-boringssl-static"));
	}

	@Test
	void openSslWhoseNativeLibraryDoesNotLoadFailsStartupNamingThePropertyAndNettysReason(@TempDir Path dir) {
		// Netty's own switch: OpenSSL unavailable whatever is on the class path
		assertThatException()
			.isThrownBy(() -> GatewayProcess.startWithJvmOptions(dir, List.of("-Dio.netty.handler.ssl.noOpenSsl=true"),
					"--" + TLS_BUNDLE[0], "--" + TLS_BUNDLE[1], "--" + TLS_BUNDLE[2], "--" + TLS_BUNDLE[3],
					"--tcp-gateway.ssl.provider=openssl"))
			.withMessageContaining("APPLICATION FAILED TO START")
			.withMessageContaining("configuration property 'tcp-gateway.ssl.provider'")
			.withMessageContaining("OpenSSL is not available")
			.withMessageContaining("noOpenSsl");
	}

	@Test
	void normalStopLogsNoError(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start();
				var client = io.tcpgateway.test.TcpTestConnection.open(gateway.port(),
						io.tcpgateway.framing.Framing.CRLF)) {
			client.send("bye");
			assertThat(client.receiveString()).isEqualTo("bye");
		}
		assertThat(settled(output)).doesNotContain(" ERROR ").doesNotContain("Selector closed");
	}

}
