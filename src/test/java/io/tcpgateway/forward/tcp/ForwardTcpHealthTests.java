package io.tcpgateway.forward.tcp;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code tcpGatewayForward} health component, and its place outside (or, when asked
 * for, inside) the readiness group.
 */
@Timeout(60)
class ForwardTcpHealthTests {

	private static Health health(RunningGateway gateway) {
		return gateway.context().getBean("tcpGatewayForward", HealthIndicator.class).health();
	}

	@Test
	void reachableUpstreamIsUpAndOutOfTheReadinessGroup() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
						"tcp-gateway.forward.tcp.port=" + upstream.port())) {
			awaitChecked(gateway);
			Health health = health(gateway);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("upstream", "127.0.0.1:" + upstream.port());
			assertThat(gateway.context()
				.getEnvironment()
				.getProperty(ForwardTcpReadinessEnvironmentPostProcessor.READINESS_INCLUDE)).isNull();
		}
	}

	@Test
	void unreachableUpstreamIsDownWithTheError() throws Exception {
		int deadPort;
		try (ServerSocket free = new ServerSocket(0)) {
			deadPort = free.getLocalPort();
		}
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + deadPort)) {
			awaitChecked(gateway);
			Health health = health(gateway);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsKey("error");
		}
	}

	@Test
	void readinessTrueAddsTheComponentToTheReadinessGroup() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
						"tcp-gateway.forward.tcp.port=" + upstream.port(), "tcp-gateway.forward.tcp.readiness=true")) {
			assertThat(gateway.context()
				.getEnvironment()
				.getProperty(ForwardTcpReadinessEnvironmentPostProcessor.READINESS_INCLUDE))
				.isEqualTo("readinessState,tcpGatewayForward");
		}
	}

	@Test
	void readingHealthRunsNoCheckAndShowsAnUncheckedUpstreamAsUnknown() throws Exception {
		int deadPort;
		try (ServerSocket free = new ServerSocket(0)) {
			deadPort = free.getLocalPort();
		}
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + deadPort, "tcp-gateway.forward.tcp.health-check.interval=0")) {
			Health health = health(gateway);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			Upstream upstream = gateway.context().getBean(Upstreams.class).all().get(0);
			assertThat(upstream.health().isUnknown()).isTrue();
			assertThat(upstream.failureCount()).isZero();
		}
	}

	@Test
	void everyUpstreamDrainedIsNotUp() {
		try (ScriptedUpstream upstream = ScriptedUpstream.start(ScriptedUpstream.echo());
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
						"tcp-gateway.forward.tcp.port=" + upstream.port())) {
			awaitChecked(gateway);
			assertThat(health(gateway).getStatus()).isEqualTo(Status.UP);
			gateway.context().getBean(Upstreams.class).all().forEach((each) -> each.drain(true));
			assertThat(health(gateway).getStatus()).isEqualTo(Status.DOWN);
		}
	}

	/** Until every upstream's first check has told. */
	private static void awaitChecked(RunningGateway gateway) {
		List<Upstream> upstreams = gateway.context().getBean(Upstreams.class).all();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> upstreams.stream().noneMatch((upstream) -> upstream.health().isUnknown()));
	}

}
