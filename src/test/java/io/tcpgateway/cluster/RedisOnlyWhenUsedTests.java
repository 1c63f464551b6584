package io.tcpgateway.cluster;

import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RedisOnlyWhenUsedTests {

	@Test
	void withTheClusterOffAndNoRedisPropertiesNoRedisClientIsBuilt() {
		try (RunningGateway gateway = RunningGateway.start()) {
			assertThat(gateway.context().getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		}
	}

	@Test
	void anApplicationThatConfiguresRedisForItselfStillGetsBootsRedisClient() {
		try (RunningGateway gateway = RunningGateway.start("spring.data.redis.host=127.0.0.1")) {
			assertThat(gateway.context().getBeanNamesForType(RedisConnectionFactory.class)).hasSize(1);
		}
	}

	@Test
	void theClusterGetsBootsRedisClient() {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.cluster.enabled=true",
				"tcp-gateway.cluster.node-id=filter-test")) {
			assertThat(gateway.context().getBeanNamesForType(RedisConnectionFactory.class)).hasSize(1);
		}
	}

	@Test
	void anOperatorsOwnAutoConfigurationExclusionsDoNotBringRedisBack() {
		try (RunningGateway gateway = RunningGateway.start(
				"spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.admin.SpringApplicationAdminJmxAutoConfiguration")) {
			assertThat(gateway.context().getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		}
	}

}
