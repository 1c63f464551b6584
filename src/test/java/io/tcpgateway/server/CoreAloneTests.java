package io.tcpgateway.server;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.tcpgateway.connection.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
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
		.withClassLoader(new HiddenLibraries())
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

	/**
	 * Hides the optional libraries' classes, and their jars' resources too (their
	 * {@code spring.factories} would name classes that cannot be loaded).
	 */
	static final class HiddenLibraries extends FilteredClassLoader {

		private static final List<String> JARS = List.of("spring-integration-http-", "lettuce-core-",
				"spring-data-redis-", "spring-boot-data-redis-", "spring-boot-actuator", "spring-boot-health-",
				"micrometer-core-", "micrometer-registry-prometheus-", "spring-security-", "spring-boot-security-",
				"spring-web-", "spring-webmvc-", "spring-boot-webmvc-", "spring-boot-web-server-",
				"spring-boot-tomcat-", "tomcat-embed-");

		HiddenLibraries() {
			super("org.springframework.integration.http.", "io.lettuce.", "org.springframework.data.redis.",
					"org.springframework.boot.data.redis.", "org.springframework.boot.actuate.",
					"org.springframework.boot.health.", "io.micrometer.core.", "io.micrometer.prometheusmetrics.",
					"org.springframework.security.", "org.springframework.boot.security.", "org.springframework.web.",
					"org.springframework.http.", "org.springframework.boot.webmvc.",
					"org.springframework.boot.web.server.", "org.springframework.boot.tomcat.", "org.apache.catalina.",
					"jakarta.servlet.");
		}

		@Override
		public URL getResource(String name) {
			URL url = super.getResource(name);
			return (url != null && hidden(url)) ? null : url;
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			List<URL> visible = new ArrayList<>();
			for (URL url : Collections.list(super.getResources(name))) {
				if (!hidden(url)) {
					visible.add(url);
				}
			}
			return Collections.enumeration(visible);
		}

		private static boolean hidden(URL url) {
			String path = url.toString();
			return JARS.stream().anyMatch((jar) -> path.contains("/" + jar));
		}

	}

}
