package io.tcpgateway;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable application's defaults: for {@link TcpGatewayApplication} only, below
 * every value the operator sets, and Spring Boot's Redis left out unless something uses
 * Redis.
 */
class TcpGatewayApplicationDefaultsTests {

	private final TcpGatewayApplicationDefaults defaults = new TcpGatewayApplicationDefaults();

	@Test
	void theRunnableApplicationGetsItsDefaultsBelowTheOperatorsValues() {
		StandardEnvironment environment = environment(Map.of("spring.application.name", "edge-gateway"));
		this.defaults.postProcessEnvironment(environment, new SpringApplication(TcpGatewayApplication.class));
		assertThat(environment.getProperty("spring.application.name")).isEqualTo("edge-gateway");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,tcpconnections,tcpupstreams,integrationgraph,loggers");
		assertThat(environment.getProperty("server.tomcat.threads.min-spare")).isEqualTo("1");
		assertThat(environment.getProperty("logging.config")).isEqualTo("classpath:io/tcpgateway/logback-gateway.xml");
		assertThat(getClass().getResource("/io/tcpgateway/logback-gateway.xml")).isNotNull();
	}

	@Test
	void anotherApplicationGetsNone() {
		StandardEnvironment environment = environment(Map.of());
		this.defaults.postProcessEnvironment(environment, new SpringApplication(AnotherApplication.class));
		assertThat(environment.getPropertySources().contains(TcpGatewayApplicationDefaults.SOURCE_NAME)).isFalse();
	}

	@Test
	void springBootsRedisIsLeftOutOfTheRunnableApplicationWhileNothingUsesRedis() {
		String[] candidates = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" };
		assertThat(redisFilter(TcpGatewayApplication.class, Map.of()).match(candidates, null)).containsExactly(false,
				true);
		assertThat(redisFilter(TcpGatewayApplication.class, Map.of("tcp-gateway.cluster.enabled", "true"))
			.match(candidates, null)).containsExactly(true, true);
		assertThat(redisFilter(TcpGatewayApplication.class, Map.of("spring.data.redis.host", "redis.internal"))
			.match(candidates, null)).containsExactly(true, true);
		// an operator's own exclusions replace no list of the gateway's
		assertThat(redisFilter(TcpGatewayApplication.class,
				Map.of("spring.autoconfigure.exclude",
						"org.springframework.boot.autoconfigure.admin.SpringApplicationAdminJmxAutoConfiguration"))
			.match(candidates, null)).containsExactly(false, true);
		assertThat(redisFilter(AnotherApplication.class, Map.of()).match(candidates, null)).containsExactly(true, true);
	}

	@Test
	void theLibraryShipsNoConfigurationThatAHostWouldPickUp() throws Exception {
		String classes = TcpGatewayApplication.class.getProtectionDomain().getCodeSource().getLocation().toString();
		for (String name : List.of("application.properties", "application.yml", "application.yaml", "logback.xml",
				"logback-spring.xml", "log4j2.xml", "log4j2-spring.xml")) {
			List<URL> shipped = Collections.list(getClass().getClassLoader().getResources(name))
				.stream()
				.filter((url) -> url.toString().startsWith(classes))
				.toList();
			assertThat(shipped).as(name).isEmpty();
		}
	}

	private RunnableApplicationRedisFilter redisFilter(Class<?> application, Map<String, Object> properties) {
		StandardEnvironment environment = environment(properties);
		this.defaults.postProcessEnvironment(environment, new SpringApplication(application));
		RunnableApplicationRedisFilter filter = new RunnableApplicationRedisFilter();
		filter.setEnvironment(environment);
		return filter;
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("operator", properties));
		return environment;
	}

	static class AnotherApplication {

	}

}
