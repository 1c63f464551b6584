package io.tcpgateway.cluster;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Fails startup when {@code tcp-gateway.cluster.enabled=true} in an application without
 * Redis's client: the cluster would otherwise be left out without a word.
 */
@AutoConfiguration
@ConditionalOnTcpGatewayEnabled
@ConditionalOnMissingClass({ "io.lettuce.core.RedisClient",
		"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory" })
@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
public class ClusterLibraryCheckAutoConfiguration {

	@Bean
	static Object tcpGatewayClusterLibraryCheck() {
		throw new InvalidConfigurationPropertyValueException("tcp-gateway.cluster.enabled", "true",
				"The cluster needs Redis's Lettuce client on the classpath: add the dependency "
						+ "org.springframework.boot:spring-boot-starter-data-redis");
	}

}
