package io.tcpgateway.forward.tcp;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of several upstreams: the {@code tcpGatewayForward} health
 * component lists each, and is DOWN only when none is up; the meters carry the
 * {@code upstream} tag.
 */
@Timeout(120)
class ForwardTcpUpstreamsVisibilityTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static Health health(RunningGateway gateway) {
		return gateway.context().getBean("tcpGatewayForward", HealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, UpstreamDescriptor> upstreams(Health health) {
		return (Map<String, UpstreamDescriptor>) health.getDetails().get("upstreams");
	}

	@Test
	void healthListsEachUpstreamAndIsDownOnlyWhenNoneIsUp() throws Exception {
		String dead;
		try (ServerSocket free = new ServerSocket(0)) {
			dead = "127.0.0.1:" + free.getLocalPort();
		}
		List<ScriptedUpstream> live = ForwardTcpUpstreamsTests.start("a");
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.framing=length-header-2",
				"tcp-gateway.forward.tcp.upstreams=" + live.get(0).key() + "," + dead,
				"tcp-gateway.forward.tcp.health-check.interval=200ms")) {
			await().atMost(WAIT).untilAsserted(() -> {
				Map<String, UpstreamDescriptor> upstreams = upstreams(health(gateway));
				assertThat(upstreams.get(live.get(0).key()).status()).isEqualTo("UP");
				assertThat(upstreams.get(dead).status()).isEqualTo("DOWN");
				assertThat(upstreams.get(dead).lastError()).isNotBlank();
				assertThat(upstreams.get(dead).lastCheck()).isNotNull();
			});
			assertThat(health(gateway).getStatus()).isEqualTo(Status.UP);
			live.get(0).close();
			await().atMost(WAIT).until(() -> health(gateway).getStatus().equals(Status.DOWN));
			assertThat(health(gateway).getDetails()).containsKey("error");
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(live);
		}
	}

	@Test
	void metersCarryTheUpstreamTag() {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a", "b");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams,
				"tcp-gateway.forward.tcp.health-check.interval=200ms",
				"tcp-gateway.forward.tcp.health-check.timeout=5s")) {
			// round-robin gives each two, unless a check lost to a loaded machine made
			// one skip an upstream: count who served
			Map<String, Integer> served = new java.util.HashMap<>(Map.of("a", 0, "b", 0));
			for (int i = 0; i < 4; i++) {
				served.merge(ForwardTcpUpstreamsTests.servedBy(gateway, clients), 1, Integer::sum);
			}
			MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
			String a = upstreams.get(0).key();
			String b = upstreams.get(1).key();
			assertThat(meters.get(MicrometerForwardTcpMetrics.FORWARD_CONNECTS).tag("upstream", a).counter().count())
				.isEqualTo(served.get("a").doubleValue());
			assertThat(meters.get(MicrometerForwardTcpMetrics.FORWARD_CONNECTIONS_ACTIVE)
				.tag("upstream", b)
				.gauge()
				.value()).isEqualTo(served.get("b").doubleValue());
			assertThat(
					meters.get(MicrometerForwardTcpMetrics.FORWARD_MESSAGES_SENT).tag("upstream", b).counter().count())
				.isEqualTo(served.get("b").doubleValue());
			assertThat(
					meters.get(MicrometerForwardTcpMetrics.FORWARD_DATA_RECEIVED).tag("upstream", b).counter().count())
				.isEqualTo((double) served.get("b") * "b:hi".length());
			assertThat(meters.get(MicrometerForwardTcpMetrics.FORWARD_UPSTREAM_UP).tag("upstream", b).gauge().value())
				.isEqualTo(1);
			ForwardTcpUpstreamsTests.closeAll(clients);
			upstreams.get(1).close();
			await().atMost(WAIT)
				.until(() -> meters.get(MicrometerForwardTcpMetrics.FORWARD_UPSTREAM_UP)
					.tag("upstream", b)
					.gauge()
					.value() == 0);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(clients);
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

}
