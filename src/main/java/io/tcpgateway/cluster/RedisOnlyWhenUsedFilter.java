package io.tcpgateway.cluster;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configurations out unless something uses Redis: the
 * cluster ({@code tcp-gateway.cluster.enabled=true}) or an application that configures
 * {@code spring.data.redis.*} for itself.
 *
 * <p>
 * The Redis starter is on the class path for the cluster, and without this every gateway
 * would build Lettuce's client resources (two threads, counted against the 32 a gateway
 * may run) and scan for Redis repositories at startup, though the cluster is off by
 * default and nothing else in the gateway talks to Redis.
 */
public class RedisOnlyWhenUsedFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String BOOT_REDIS = "org.springframework.boot.data.redis.";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean redisUsed = redisUsed();
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = redisUsed || candidate == null || !candidate.startsWith(BOOT_REDIS);
		}
		return matches;
	}

	private boolean redisUsed() {
		if (this.environment == null) {
			return true;
		}
		Binder binder = Binder.get(this.environment);
		return binder.bind("tcp-gateway.cluster.enabled", Boolean.class).orElse(false)
				|| binder.bind("spring.data.redis", Bindable.mapOf(String.class, Object.class)).isBound();
	}

}
