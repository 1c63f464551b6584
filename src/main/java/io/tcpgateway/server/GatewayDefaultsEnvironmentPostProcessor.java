package io.tcpgateway.server;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The gateway's own defaults for other components' properties, as the lowest-precedence
 * property source, so that any value the application or operator sets still wins.
 *
 * <p>
 * Tomcat serves only Actuator here, a few requests a second: its default of 10 spare
 * request threads per connector is 20 idle threads once Actuator has a port of its own
 * ({@code management.server.port}), more than the gateway's own threads. One spare thread
 * each is enough; the pool still grows to {@code server.tomcat.threads.max} under load.
 */
public class GatewayDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "tcpGatewayDefaults";

	static final Map<String, Object> DEFAULTS = Map.of("server.tomcat.threads.min-spare", "1");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
	}

}
