package io.tcpgateway.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loops join the liveness group by default, and only by default.
 */
class LivenessEnvironmentPostProcessorTests {

	private static final String INCLUDE = LivenessEnvironmentPostProcessor.LIVENESS_INCLUDE;

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void probesOnPutTheEventLoopsInTheLivenessGroup() {
		this.environment.setProperty("management.endpoint.health.probes.enabled", "true");
		postProcess();
		assertThat(this.environment.getProperty(INCLUDE)).isEqualTo("livenessState,tcpGatewayEventLoops");
	}

	@Test
	void anOperatorsOwnLivenessGroupIsKept() {
		this.environment.setProperty("management.endpoint.health.probes.enabled", "true");
		this.environment.setProperty(INCLUDE, "livenessState");
		postProcess();
		assertThat(this.environment.getProperty(INCLUDE)).isEqualTo("livenessState");
	}

	@Test
	void probesOffLeaveTheGroupsAlone() {
		postProcess();
		assertThat(this.environment.containsProperty(INCLUDE)).isFalse();
	}

	@Test
	void indicatorOffLeavesTheLivenessGroupAlone() {
		this.environment.setProperty("management.endpoint.health.probes.enabled", "true");
		this.environment.setProperty("management.health.tcp-gateway.enabled", "false");
		postProcess();
		assertThat(this.environment.containsProperty(INCLUDE)).isFalse();
	}

	private void postProcess() {
		new LivenessEnvironmentPostProcessor().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
