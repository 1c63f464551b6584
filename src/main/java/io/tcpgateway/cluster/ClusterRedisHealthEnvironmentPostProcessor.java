package io.tcpgateway.cluster;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Boot's own {@code redis} health indicator off by default.
 *
 * <p>
 * The Redis starter is on the class path for the cluster, and Boot would add a
 * {@code redis} component that connects to Redis on every health request: DOWN on a
 * gateway that never uses Redis (the cluster off, the default), and, with the cluster on,
 * a second report of what {@code tcpGatewayCluster} already says without a connection of
 * its own. This contributes {@code management.health.redis.enabled=false} as a default,
 * the lowest-precedence source: an application that uses Redis for itself turns it back
 * on.
 */
public class ClusterRedisHealthEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String REDIS_HEALTH = "management.health.redis.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("tcp-gateway.enabled", Boolean.class, true)
				&& !environment.containsProperty(REDIS_HEALTH)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("tcpGatewayRedisHealth", Map.of(REDIS_HEALTH, "false")));
		}
	}

}
