package io.tcpgateway.health;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code tcpGatewayEventLoops} health component in the liveness group beside
 * {@code livenessState}, when the probes are on.
 *
 * <p>
 * Spring Boot's liveness group holds only {@code livenessState}, which stays CORRECT
 * while an event loop is stuck and its clients frozen: the probe has to see the loops to
 * tell the truth. This contributes the include as a default, the lowest-precedence
 * source; an operator who sets it himself keeps his list, and one who turns the indicator
 * off ({@code management.health.tcp-gateway.enabled=false}) gets Boot's.
 */
class LivenessEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String LIVENESS_INCLUDE = "management.endpoint.health.group.liveness.include";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean enabled = environment.getProperty("management.health.tcp-gateway.enabled", Boolean.class,
				environment.getProperty("management.health.defaults.enabled", Boolean.class, true));
		// without the probes there is no liveness group to add to, nor livenessState
		boolean probes = environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, false)
				|| CloudPlatform.getActive(environment) == CloudPlatform.KUBERNETES;
		boolean gateway = environment.getProperty("tcp-gateway.enabled", Boolean.class, true);
		if (gateway && enabled && probes && !environment.containsProperty(LIVENESS_INCLUDE)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("tcpGatewayLiveness",
						Map.of(LIVENESS_INCLUDE, "livenessState,tcpGatewayEventLoops")));
		}
	}

}
