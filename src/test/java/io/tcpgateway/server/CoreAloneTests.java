package io.tcpgateway.server;

import java.time.Duration;

import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.testing.HiddenLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core in a host that has none of the optional dependencies: no
 * {@code spring-integration-http}, no Redis, no Actuator, Micrometer, web or Spring
 * Security. It starts, echoes over a real socket, and makes beans of the core only.
 */
class CoreAloneTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withClassLoader(HiddenLibraries.OPTIONAL)
		.withConfiguration(GatewayAutoConfigurations.all());

	@Test
	void coreAloneStartsAndEchoes() {
		this.runner.withPropertyValues("tcp-gateway.port=0").run((context) -> {
			assertThat(context).hasNotFailed();
			GatewayServer server = context.getBean(GatewayServer.class);
			await().atMost(Duration.ofSeconds(10)).until(server::isListening);
			assertThat(GatewayEnabledTests.echo(server.port(), "hello alone")).isEqualTo("hello alone");
			assertThat(GatewayAutoConfigurations.gatewayBeans(context)).isNotEmpty()
				.noneMatch((bean) -> bean
					.matches(".*\\(io\\.tcpgateway\\.(forward|cluster|admin|metrics|health|" + "security)\\..*"));
		});
	}

	@ParameterizedTest
	@CsvSource({
			"tcp-gateway.forward.http.url=http://127.0.0.1:1/frames, tcp-gateway.forward.http.url, "
					+ "spring-integration-http",
			"tcp-gateway.cluster.enabled=true, tcp-gateway.cluster.enabled, " + "spring-boot-starter-data-redis" })
	void featureTurnedOnWithoutItsLibraryFailsStartupNamingThePropertyAndTheDependency(String setting, String property,
			String dependency) {
		this.runner.withPropertyValues("tcp-gateway.port=0", setting)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property)
				.hasMessageContaining(dependency));
	}

	@Test
	void theHttpBridgeWithoutBootsRestClientFailsStartupNamingThePropertyAndTheDependency() {
		new ApplicationContextRunner().withClassLoader(HiddenLibraries.BOOT_REST_CLIENT)
			.withConfiguration(GatewayAutoConfigurations.all())
			.withPropertyValues("tcp-gateway.port=0", "tcp-gateway.forward.http.url=http://127.0.0.1:1/frames")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("tcp-gateway.forward.http.url")
				.hasMessageContaining("spring-boot-restclient"));
	}

	@Test
	void theClusterWithSpringDataRedisButWithoutLettuceFailsStartupNamingTheProperty() {
		// Spring Data Redis on Jedis: the cluster's auto-configuration needs Lettuce
		new ApplicationContextRunner().withClassLoader(HiddenLibraries.LETTUCE)
			.withConfiguration(GatewayAutoConfigurations.all())
			.withPropertyValues("tcp-gateway.port=0", "tcp-gateway.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("tcp-gateway.cluster.enabled")
				.hasMessageContaining("Lettuce"));
	}

}
