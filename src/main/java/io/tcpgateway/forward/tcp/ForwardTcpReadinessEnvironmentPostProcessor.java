package io.tcpgateway.forward.tcp;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code tcp-gateway.forward.tcp.readiness=true}, puts the {@code tcpGatewayForward}
 * health component in the readiness group beside {@code readinessState}.
 *
 * <p>
 * Spring Boot's readiness group holds only {@code readinessState} unless
 * {@code management.endpoint.health.group.readiness.include} says otherwise, so a custom
 * indicator is out of it by default, as it should be: an upstream that is down should not
 * take every gateway out of its load balancer, whose clients would gain nothing. This
 * contributes that property as a default, the lowest-precedence source; an operator who
 * sets the include himself keeps his list.
 */
class ForwardTcpReadinessEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean wanted = environment.getProperty("tcp-gateway.enabled", Boolean.class, true)
				&& environment.getProperty("tcp-gateway.forward.tcp.readiness", Boolean.class, false)
				&& OnForwardTcpCondition.isOn(environment);
		if (wanted && !environment.containsProperty(READINESS_INCLUDE)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("tcpGatewayForwardReadiness",
						Map.of(READINESS_INCLUDE, "readinessState,tcpGatewayForward")));
		}
	}

}
