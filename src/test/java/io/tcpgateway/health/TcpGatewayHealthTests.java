package io.tcpgateway.health;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator health over real HTTP, next to a real TCP listener.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "tcp-gateway.port=0",
		ActuatorHttp.ADMIN_NAME_PROPERTY, ActuatorHttp.ADMIN_PASSWORD_PROPERTY, ActuatorHttp.ADMIN_ROLES_PROPERTY })
class TcpGatewayHealthTests {

	@LocalServerPort
	private int httpPort;

	@Autowired
	private AbstractServerConnectionFactory connectionFactory;

	@Test
	void healthIsUpWithTheBoundPortAndLiveConnectionCount() throws Exception {
		try (TcpTestConnection client = TcpTestConnection.open(this.connectionFactory.getPort(), Framing.CRLF)) {
			client.send("ping");
			assertThat(client.receiveString()).isEqualTo("ping");

			HttpResponse<String> response = asAdmin("/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext health = JsonPath.parse(response.body());
			assertThat(health.read("$.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.tcpGateway.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.tcpGateway.details.port", Integer.class))
				.isEqualTo(this.connectionFactory.getPort())
				.isNotZero();
			assertThat(health.read("$.components.tcpGateway.details.ioMode", String.class)).isEqualTo("nio");
			assertThat(health.read("$.components.tcpGateway.details.framing", String.class)).isEqualTo("crlf");
			assertThat(health.read("$.components.tcpGateway.details.activeConnections", Integer.class)).isEqualTo(1);
		}
	}

	@Test
	void livenessAndReadinessProbesAreUp() throws Exception {
		assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void prometheusMetricsAreExposed() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_threads_live_threads");
	}

	@Test
	@DirtiesContext
	void healthIsDownWhenTheListenerStops() throws Exception {
		this.connectionFactory.stop();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> response = asAdmin("/actuator/health");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(JsonPath.parse(response.body()).read("$.components.tcpGateway.status", String.class))
				.isEqualTo("DOWN");
		});
	}

	/** Without credentials: what probes and scrapers see. */
	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return new ActuatorHttp(this.httpPort).get(path);
	}

	/** As a user: health with its components' details. */
	private HttpResponse<String> asAdmin(String path) throws IOException, InterruptedException {
		return ActuatorHttp.asAdmin(this.httpPort).get(path);
	}

}
