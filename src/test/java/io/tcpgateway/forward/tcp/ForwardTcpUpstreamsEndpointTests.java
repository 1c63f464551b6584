package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code tcpupstreams} endpoint over real HTTP with real credentials, in front of
 * three real upstreams: it lists them, drains one (its clients stay, new ones go
 * elsewhere) and makes it active again, and refuses anyone who is not an admin.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class ForwardTcpUpstreamsEndpointTests {

	private static RunningGateway gateway(List<ScriptedUpstream> upstreams, String... more) {
		List<String> properties = new ArrayList<>(List.of("tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.upstreams=" + ForwardTcpUpstreamsTests.keys(upstreams),
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.health-check.interval=0",
				"management.endpoints.web.exposure.include=health,tcpupstreams",
				"management.endpoint.health.show-details=always"));
		properties.addAll(List.of(ActuatorHttp.ADMIN_PROPERTIES));
		properties.addAll(List.of(more));
		return RunningGateway.startWithActuator(properties.toArray(String[]::new));
	}

	@Test
	void drainedUpstreamKeepsItsClientsAndTakesNoNewOnesUntilActiveAgain(CapturedOutput output) throws Exception {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b", "c");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(upstreams)) {
			ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
			String b = upstreams.get(1).key();
			TcpTestConnection onB = null;
			for (int i = 0; i < 3; i++) {
				String served = ForwardTcpUpstreamsTests.servedBy(gateway, clients);
				if (served.equals("b")) {
					onB = clients.get(clients.size() - 1);
				}
			}
			assertThat(onB).isNotNull();

			var drained = admin.send("POST", "/actuator/tcpupstreams/" + b, "{\"state\":\"drain\"}");
			assertThat(drained.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(drained.body()).read("$.status", String.class)).isEqualTo("DRAINING");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.getOut()).contains("action=tcpupstreams.write")
					.contains(b)
					.contains("drain"));
			for (int i = 0; i < 6; i++) {
				assertThat(ForwardTcpUpstreamsTests.servedBy(gateway, clients)).isIn("a", "c");
			}
			assertThat(onB.send("still there?").receiveString()).isEqualTo("b:still there?");

			DocumentContext listing = JsonPath.parse(admin.get("/actuator/tcpupstreams").body());
			assertThat(listing.read("$.upstreams['" + b + "'].status", String.class)).isEqualTo("DRAINING");
			assertThat(listing.read("$.upstreams['" + b + "'].connections", Integer.class)).isEqualTo(1);
			assertThat(listing.read("$.upstreams['" + upstreams.get(0).key() + "'].connects", Integer.class))
				.isGreaterThanOrEqualTo(1);
			DocumentContext health = JsonPath.parse(admin.get("/actuator/health/tcpGatewayForward").body());
			assertThat(health.read("$.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.details.upstreams['" + b + "'].status", String.class)).isEqualTo("DRAINING");

			assertThat(admin.send("POST", "/actuator/tcpupstreams/" + b, "{\"state\":\"active\"}").statusCode())
				.isEqualTo(200);
			List<String> served = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				served.add(ForwardTcpUpstreamsTests.servedBy(gateway, clients));
			}
			assertThat(served).contains("b");
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(clients);
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void stateChangesNeedAnAdminAndAKnownUpstreamAndState() throws Exception {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b");
		try (RunningGateway gateway = gateway(upstreams)) {
			String a = upstreams.get(0).key();
			ActuatorHttp anonymous = new ActuatorHttp(gateway.httpPort());
			assertThat(anonymous.get("/actuator/tcpupstreams").statusCode()).isEqualTo(401);
			assertThat(anonymous.send("POST", "/actuator/tcpupstreams/" + a, "{\"state\":\"drain\"}").statusCode())
				.isEqualTo(401);
			ActuatorHttp wrongPassword = ActuatorHttp.as(gateway.httpPort(), ActuatorHttp.ADMIN, "not-it");
			assertThat(wrongPassword.send("POST", "/actuator/tcpupstreams/" + a, "{\"state\":\"drain\"}").statusCode())
				.isEqualTo(401);
			assertThat(ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(0)).state())
				.isEqualTo(UpstreamState.UP);

			ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
			assertThat(admin.send("POST", "/actuator/tcpupstreams/" + a, "{\"state\":\"sleep\"}").statusCode())
				.isEqualTo(400);
			assertThat(admin.send("POST", "/actuator/tcpupstreams/127.0.0.1:1", "{\"state\":\"drain\"}").statusCode())
				.isEqualTo(404);
			assertThat(admin.get("/actuator/tcpupstreams/" + a).statusCode()).isEqualTo(200);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void viewerReadsTheUpstreamsButMayNotChangeThem() throws Exception {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a");
		try (RunningGateway gateway = RunningGateway.startWithActuator("tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.upstreams=" + ForwardTcpUpstreamsTests.keys(upstreams),
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.health-check.interval=0",
				"management.endpoints.web.exposure.include=health,tcpupstreams", "spring.security.user.name=watch",
				"spring.security.user.password=watch-secret", "spring.security.user.roles=TCP_GATEWAY_VIEWER")) {
			String a = upstreams.get(0).key();
			ActuatorHttp viewer = ActuatorHttp.as(gateway.httpPort(), "watch", "watch-secret");
			var listing = viewer.get("/actuator/tcpupstreams");
			assertThat(listing.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(listing.body()).read("$.upstreams['" + a + "'].status", String.class))
				.isNotNull();
			assertThat(viewer.send("POST", "/actuator/tcpupstreams/" + a, "{\"state\":\"drain\"}").statusCode())
				.isEqualTo(403);
			assertThat(ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(0)).isDraining()).isFalse();
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void upstreamMadeActiveAgainGetsOnlyASmallShareDuringItsSlowStart() throws Exception {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b", "c");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = gateway(upstreams, "tcp-gateway.forward.tcp.slow-start=10m")) {
			ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
			String b = upstreams.get(1).key();
			assertThat(admin.send("POST", "/actuator/tcpupstreams/" + b, "{\"state\":\"drain\"}").statusCode())
				.isEqualTo(200);
			assertThat(admin.send("POST", "/actuator/tcpupstreams/" + b, "{\"state\":\"active\"}").statusCode())
				.isEqualTo(200);
			int onB = 0;
			for (int i = 0; i < 30; i++) {
				if (ForwardTcpUpstreamsTests.servedBy(gateway, clients).equals("b")) {
					onB++;
				}
			}
			// round-robin alone would give it 10 of 30; at the start of a ten-minute slow
			// start its weight is 5%
			assertThat(onB).isLessThan(6);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(clients);
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

}
