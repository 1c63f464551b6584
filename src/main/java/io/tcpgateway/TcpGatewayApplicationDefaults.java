package io.tcpgateway;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * The runnable application's own defaults, for {@link TcpGatewayApplication} only: an
 * application that takes the gateway as a dependency keeps its own name, Actuator
 * exposure, Tomcat and logging.
 *
 * <p>
 * An environment post-processor rather than a {@code @PropertySource}, because logging
 * and the application's name are settled before the configuration classes are read; it
 * recognises the runnable application by its primary source, so {@code main}, the
 * {@code exec} jar and the tests that start {@link TcpGatewayApplication} get the same
 * defaults. They are the lowest-precedence source: {@code ./application.yml}, the command
 * line and the environment still win. A host application keeps Spring Boot's Redis
 * auto-configuration and its own {@code StringRedisTemplate}.
 */
class TcpGatewayApplicationDefaults implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "tcpGatewayApplicationDefaults";

	static final Map<String, Object> DEFAULTS = Map.ofEntries(Map.entry("spring.application.name", "tcp-gateway"),
			// Spring Boot's console and file logging behind appenders that never make an
			// event loop wait, and exceptions printed escaped
			Map.entry("logging.config", "classpath:io/tcpgateway/logback-gateway.xml"),
			Map.entry("management.endpoints.web.exposure.include",
					"health,info,prometheus,tcpconnections,tcpupstreams,integrationgraph,loggers"),
			// every endpoint but health, its probes and prometheus needs a user with role
			// TCP_GATEWAY_VIEWER (read) or TCP_GATEWAY_ADMIN (read and write)
			Map.entry("management.endpoint.health.show-details", "when-authorized"),
			Map.entry("management.endpoint.health.probes.enabled", "true"),
			Map.entry("management.health.livenessstate.enabled", "true"),
			Map.entry("management.health.readinessstate.enabled", "true"),
			// Boot's generated user has no role, so it opens nothing here: the gateway
			// logs what to set instead of its password
			Map.entry(
					"logging.level.org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
					"error"),
			// Boot's redis indicator would connect to Redis on every health request: DOWN
			// with the cluster off, and with it on a second report of what
			// tcpGatewayCluster says without a connection of its own
			Map.entry("management.health.redis.enabled", "false"),
			// reply latency percentiles for dashboards and alerts, aggregated across
			// instances by Prometheus (a client-side percentile cannot be); buckets from
			// 100us to 10s, about 75 series a gateway
			Map.entry("management.metrics.distribution.percentiles-histogram.tcp.gateway.reply.latency", "true"),
			Map.entry("management.metrics.distribution.minimum-expected-value.tcp.gateway.reply.latency", "100us"),
			Map.entry("management.metrics.distribution.maximum-expected-value.tcp.gateway.reply.latency", "10s"),
			// traces are sent only when the operator samples them (and names the
			// collector's endpoint): none by default, so no export is attempted
			Map.entry("management.tracing.sampling.probability", "0.0"),
			// traces only: OpenTelemetry's log record pipeline (the gateway exports no
			// logs) and Prometheus exemplars (a scheduler thread, and a scrape that
			// Prometheus before 2.43 refuses whole once a sampled trace is on a timer)
			// stay
			// off; an operator who sets spring.autoconfigure.exclude gets Boot's own
			Map.entry("spring.autoconfigure.exclude",
					"org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration,"
							+ "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration,"
							+ "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration"),
			// Tomcat serves only Actuator, a few requests a second: Boot's 10 spare
			// threads
			// per connector would be 20 idle threads once Actuator has a port of its own,
			// more than the gateway's own; the pool still grows under load
			Map.entry("server.tomcat.threads.min-spare", "1"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(TcpGatewayApplication.class)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
	}

	/**
	 * Whether this is the runnable application: the one these defaults were added to.
	 */
	static boolean addedTo(Environment environment) {
		return environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(SOURCE_NAME);
	}

	/**
	 * Whether the cluster or the application's own configuration uses Redis; while
	 * nothing does, {@link RunnableApplicationRedisFilter} leaves Spring Boot's Redis
	 * out.
	 */
	static boolean redisUsed(Environment environment) {
		Binder binder = Binder.get(environment);
		return binder.bind("tcp-gateway.cluster.enabled", Boolean.class).orElse(false)
				|| binder.bind("spring.data.redis", Bindable.mapOf(String.class, Object.class)).isBound();
	}

	/**
	 * Right after the configuration files are read, so that the post-processors that read
	 * these properties (the liveness group's) see them.
	 */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
