package com.example.device;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application: the gateway answers with the application's flow, and the
 * application keeps its own name and its own Redis template.
 */
@SpringBootTest(properties = "tcp-gateway.port=0")
class DeviceGatewayApplicationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private AbstractServerConnectionFactory gateway;

	@Test
	void theApplicationKeepsItsOwnNameAndRedisTemplate() {
		assertThat(this.context.getEnvironment().getProperty("spring.application.name")).isEqualTo("device-gateway");
		assertThat(this.context.getBeansOfType(StringRedisTemplate.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(RedisConnectionFactory.class).values()).singleElement()
			.isInstanceOf(JedisConnectionFactory.class);
	}

	@Test
	void aDeviceIsAnsweredByTheApplicationsFlow() {
		try (TcpTestConnection connection = TcpTestConnection.open(this.gateway.getPort(), Framing.CRLF)) {
			assertThat(connection.send("hello device").receiveString()).isEqualTo("HELLO DEVICE");
		}
	}

}
