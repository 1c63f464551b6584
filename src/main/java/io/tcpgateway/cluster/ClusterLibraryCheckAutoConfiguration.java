package io.tcpgateway.cluster;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Fails startup when {@code tcp-gateway.cluster.enabled=true} in an application without
 * Redis's client: the cluster would otherwise be left out without a word.
 */
@AutoConfiguration
@ConditionalOnTcpGatewayEnabled
@Conditional(ClusterLibraryCheckAutoConfiguration.RedisLibraryMissing.class)
@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
public class ClusterLibraryCheckAutoConfiguration {

	@Bean
	static Object tcpGatewayClusterLibraryCheck() {
		throw new InvalidConfigurationPropertyValueException("tcp-gateway.cluster.enabled", "true",
				"The cluster needs Spring Data Redis with Redis's Lettuce client on the classpath: add the dependency "
						+ "org.springframework.boot:spring-boot-starter-data-redis (with Lettuce, its default client)");
	}

	/**
	 * Either library missing: the cluster's auto-configuration needs both, so Spring Data
	 * Redis with Jedis instead of Lettuce leaves it out as surely as no Redis at all.
	 */
	static class RedisLibraryMissing extends AnyNestedCondition {

		RedisLibraryMissing() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnMissingClass("io.lettuce.core.RedisClient")
		static class LettuceMissing {

		}

		@ConditionalOnMissingClass("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory")
		static class SpringDataRedisMissing {

		}

	}

}
