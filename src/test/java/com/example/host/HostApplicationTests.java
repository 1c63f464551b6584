package com.example.host;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in an application of a team's own changes nothing of it that the
 * application did not ask for: its name, its Actuator exposure, its Tomcat, its Redis
 * template and its logging stay Spring Boot's, and the gateway still answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tcp-gateway.port=0", "spring.security.user.name=team",
				"spring.security.user.password=team-secret" })
@DirtiesContext
class HostApplicationTests {

	@Autowired
	private Environment environment;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private TomcatServerProperties tomcat;

	@Autowired
	private AbstractServerConnectionFactory connectionFactory;

	@LocalServerPort
	private int httpPort;

	@Test
	void theHostKeepsSpringBootsDefaultsForWhatItDidNotSet() {
		assertThat(this.environment.getProperty("spring.application.name")).isNull();
		assertThat(this.environment.getProperty("management.endpoints.web.exposure.include")).isNull();
		assertThat(this.environment.getProperty("management.health.redis.enabled")).isNull();
		assertThat(this.environment.getProperty("logging.config")).isNull();
		assertThat(this.tomcat.getThreads().getMinSpare()).isEqualTo(10);
	}

	@Test
	void theHostKeepsSpringBootsRedisTemplateWithoutAnyRedisProperty() {
		assertThat(this.environment.getProperty("tcp-gateway.cluster.enabled")).isNull();
		assertThat(this.context.getBeansOfType(StringRedisTemplate.class)).hasSize(1);
	}

	@Test
	void actuatorExposesOnlyWhatSpringBootExposesByDefault() throws Exception {
		ActuatorHttp http = new ActuatorHttp(this.httpPort);
		// exposed; DOWN unless a Redis answers on Boot's default port: Boot's redis
		// indicator is the host's, and on
		assertThat(http.get("/actuator/health").statusCode()).isIn(200, 503);
		// not exposed: not found, for the host's own user as for anyone
		ActuatorHttp user = ActuatorHttp.as(this.httpPort, "team", "team-secret");
		assertThat(user.get("/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(user.get("/actuator/tcpconnections").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/tcpconnections").statusCode()).isIn(401, 404);
	}

	@Test
	void theHostsOwnPagesStayBehindSpringSecurity() throws Exception {
		// the gateway's filter chain for Actuator makes Spring Boot's default chain back
		// off: the application's pages must not be left open for it
		assertThat(new ActuatorHttp(this.httpPort).get("/api/secret").statusCode()).isEqualTo(401);
		assertThat(ActuatorHttp.as(this.httpPort, "team", "team-secret").get("/api/secret").body())
			.isEqualTo("host secret");
	}

	@Test
	void theGatewayAnswersInTheHost() {
		try (TcpTestConnection client = TcpTestConnection.open(this.connectionFactory.getPort(), Framing.CRLF)) {
			assertThat(client.echoes("from the host")).isTrue();
		}
	}

}
