package io.tcpgateway.admin;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.Meters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meters after real socket traffic, and the {@code tcpconnections} endpoint over real
 * HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tcp-gateway.port=0", ActuatorHttp.ADMIN_NAME_PROPERTY, ActuatorHttp.ADMIN_PASSWORD_PROPERTY,
				ActuatorHttp.ADMIN_ROLES_PROPERTY })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests {

	@LocalServerPort
	private int httpPort;

	@Autowired
	private AbstractServerConnectionFactory connectionFactory;

	@Autowired
	private MeterRegistry meters;

	@Test
	void metersCountConnectionsMessagesAndBytes() throws Exception {
		double received = counter(GatewayMeters.MESSAGES_RECEIVED);
		double sent = counter(GatewayMeters.MESSAGES_SENT);
		double bytesIn = counter(GatewayMeters.DATA_RECEIVED);
		double closedByClient = Meters.count(this.meters, GatewayMeters.CONNECTIONS_CLOSED, "reason", "client");
		try (TcpTestConnection first = connect()) {
			try (TcpTestConnection second = connect()) {
				for (int i = 0; i < 3; i++) {
					assertThat(first.echoes("one-" + i)).isTrue();
				}
				for (int i = 0; i < 2; i++) {
					assertThat(second.echoes("two-" + i)).isTrue();
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> activeConnections() == 1);
			assertThat(counter(GatewayMeters.MESSAGES_RECEIVED) - received).isEqualTo(5);
			assertThat(counter(GatewayMeters.MESSAGES_SENT) - sent).isEqualTo(5);
			assertThat(counter(GatewayMeters.DATA_RECEIVED) - bytesIn).isEqualTo(5 * "one-0\r\n".length());
			assertThat(Meters.count(this.meters, GatewayMeters.CONNECTIONS_CLOSED, "reason", "client") - closedByClient)
				.isEqualTo(1);
			assertThat(this.meters.get(GatewayMeters.REPLY_LATENCY).timer().count()).isGreaterThanOrEqualTo(5);

			String prometheus = http().get("/actuator/prometheus").body();
			assertThat(prometheus).contains("tcp_gateway_connections_active{framing=\"crlf\",io_mode=\"nio\"} 1.0")
				.contains("tcp_gateway_messages_received_total")
				.contains("tcp_gateway_data_sent_bytes_total")
				.contains("tcp_gateway_connections_closed_total{framing=\"crlf\",io_mode=\"nio\",reason=\"client\"}")
				.contains("tcp_gateway_reply_latency_seconds_count")
				.contains("tcp_gateway_outbound_pending_bytes");
		}
	}

	@Test
	void endpointListsShowsPushesToAndClosesALiveConnection() throws Exception {
		try (TcpTestConnection client = connect()) {
			assertThat(client.echoes("hello")).isTrue();
			int clientPort = client.socket().getLocalPort();

			DocumentContext listing = JsonPath
				.parse(http().get("/actuator/tcpconnections?sort=pending&limit=10").body());
			List<String> ids = listing.read("$.connections[?(@.remotePort == " + clientPort + ")].id");
			assertThat(ids).hasSize(1);
			String id = ids.get(0);
			assertThat(listing.read("$.total", Integer.class)).isGreaterThanOrEqualTo(1);

			DocumentContext one = JsonPath.parse(http().get("/actuator/tcpconnections/" + id).body());
			assertThat(one.read("$.remoteAddress", String.class)).isEqualTo("127.0.0.1");
			assertThat(one.read("$.messagesIn", Integer.class)).isEqualTo(1);
			assertThat(one.read("$.messagesOut", Integer.class)).isEqualTo(1);

			assertThat(
					http().send("POST", "/actuator/tcpconnections/" + id, "{\"payload\":\"pushed text\"}").statusCode())
				.isEqualTo(200);
			assertThat(client.receiveString()).isEqualTo("pushed text");
			assertThat(http().send("POST", "/actuator/tcpconnections/" + id, "{\"base64\":\"AAEC\"}").statusCode())
				.isEqualTo(200);
			assertThat(client.receive()).containsExactly(0, 1, 2);

			assertThat(http().send("POST", "/actuator/tcpconnections/no-such-id", "{\"payload\":\"x\"}").statusCode())
				.isEqualTo(404);
			assertThat(http().get("/actuator/tcpconnections/no-such-id").statusCode()).isEqualTo(404);

			double closedByAdmin = Meters.count(this.meters, GatewayMeters.CONNECTIONS_CLOSED, "reason", "admin");
			assertThat(http().send("DELETE", "/actuator/tcpconnections/" + id, null).statusCode()).isEqualTo(204);
			assertThat(client.awaitClosed()).isTrue();
			assertThat(Meters.count(this.meters, GatewayMeters.CONNECTIONS_CLOSED, "reason", "admin") - closedByAdmin)
				.isEqualTo(1);
		}
	}

	@Test
	void infoShowsBuildAndIntegrationGraphIsExposed() throws Exception {
		assertThat(JsonPath.parse(http().get("/actuator/info").body()).read("$.build.artifact", String.class))
			.isEqualTo("tcp-gateway");
		assertThat(http().get("/actuator/integrationgraph").statusCode()).isEqualTo(200);
	}

	private TcpTestConnection connect() {
		return TcpTestConnection.open(this.connectionFactory.getPort(), Framing.CRLF);
	}

	private double counter(String name) {
		return Meters.count(this.meters, name);
	}

	private double activeConnections() {
		return this.meters.get(GatewayMeters.CONNECTIONS_ACTIVE).gauge().value();
	}

	@Test
	void wireLogTurnedOnThroughTheLoggersEndpointDumpsReadsFromTheNextSweepOn(CapturedOutput output) throws Exception {
		String loggerPath = "/actuator/loggers/" + WireLog.LOGGER_NAME;
		try (TcpTestConnection client = connect()) {
			assertThat(client.echoes("before")).isTrue();
			assertThat(http().send("POST", loggerPath, "{\"configuredLevel\":\"TRACE\"}").statusCode()).isEqualTo(204);
			try {
				// the wire log asks the logger's level on each sweep, at least once a
				// second
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					assertThat(client.echoes("while-on")).isTrue();
					return output.getOut().contains("|while-on..      |");
				});
			}
			finally {
				http().send("POST", loggerPath, "{\"configuredLevel\":null}");
			}
		}
		assertThat(settled(output).getOut()).doesNotContain("|before..");
	}

	private ActuatorHttp http() {
		return ActuatorHttp.asAdmin(this.httpPort);
	}

}
