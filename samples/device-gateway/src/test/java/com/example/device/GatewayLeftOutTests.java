package com.example.device;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test of the application's other parts can leave the gateway out: no TCP port opens,
 * and the rest of the application starts as before.
 */
@SpringBootTest(properties = "tcp-gateway.enabled=false")
class GatewayLeftOutTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void noGatewayStartsAndTheApplicationKeepsItsRedisTemplate() {
		assertThat(this.context.getBeansOfType(AbstractServerConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeansOfType(StringRedisTemplate.class)).hasSize(1);
	}

}
