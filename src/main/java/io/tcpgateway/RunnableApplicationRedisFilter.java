package io.tcpgateway;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configurations out of the runnable application while
 * nothing in it uses Redis (the cluster off, no {@code spring.data.redis.*}); any other
 * application keeps them.
 *
 * <p>
 * The Redis starter is on the runnable application's class path for the cluster, and
 * Lettuce's client resources would start two threads in every gateway. A filter rather
 * than a {@code spring.autoconfigure.exclude} default: Spring Boot replaces a list
 * property rather than merging it, so an operator's own exclusions would bring Redis
 * back.
 */
class RunnableApplicationRedisFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String BOOT_REDIS = "org.springframework.boot.data.redis.";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean leaveOut = TcpGatewayApplicationDefaults.addedTo(this.environment)
				&& !TcpGatewayApplicationDefaults.redisUsed(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = !leaveOut || candidate == null || !candidate.startsWith(BOOT_REDIS);
		}
		return matches;
	}

}
