package io.tcpgateway.testing;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.TcpGatewayApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The whole gateway application, started in the test's JVM without its web server, on a
 * free TCP port: the default way to test the gateway's behaviour over real sockets. Use
 * {@code @TcpGatewayTest} for an application's handlers,
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} where Actuator must be read over
 * HTTP, and {@link GatewayProcess} for a process of its own.
 */
public final class RunningGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the gateway; it listens when this returns.
	 * @param properties extra {@code key=value} properties
	 * @return the running gateway
	 */
	public static RunningGateway start(String... properties) {
		return start(new Class<?>[0], properties);
	}

	/**
	 * Start the gateway with beans of the test's; it listens when this returns.
	 * @param configuration a class whose {@code @Bean} methods add beans; not annotated,
	 * so that the application's component scan of the test classes does not find it
	 * @param properties extra {@code key=value} properties
	 * @return the running gateway
	 */
	public static RunningGateway start(Class<?> configuration, String... properties) {
		return start(new Class<?>[] { configuration }, properties);
	}

	/**
	 * Start the gateway with its web server on a free port, for Actuator over HTTP.
	 * @param properties extra {@code key=value} properties
	 * @return the running gateway
	 */
	public static RunningGateway startWithActuator(String... properties) {
		return start(new Class<?>[0], WebApplicationType.SERVLET, properties);
	}

	/**
	 * Start the gateway with its web server on a free port and beans of the test's.
	 * @param configuration a class whose {@code @Bean} methods add beans, not annotated
	 * @param properties extra {@code key=value} properties
	 * @return the running gateway
	 */
	public static RunningGateway startWithActuator(Class<?> configuration, String... properties) {
		return start(new Class<?>[] { configuration }, WebApplicationType.SERVLET, properties);
	}

	private static RunningGateway start(Class<?>[] configurations, String... properties) {
		return start(configurations, WebApplicationType.NONE, properties);
	}

	private static RunningGateway start(Class<?>[] configurations, WebApplicationType web, String... properties) {
		// as command-line arguments, so they win over ./application.yml
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		if (args.stream().noneMatch(arg -> arg.startsWith("--tcp-gateway.port="))) {
			args.add("--tcp-gateway.port=0");
		}
		if (web != WebApplicationType.NONE && args.stream().noneMatch(arg -> arg.startsWith("--server.port="))) {
			args.add("--server.port=0");
		}
		// Spring Boot passes logging.structured.format.console to Logback as a system
		// property and never clears it: without this, one gateway with structured
		// logging would make every later gateway in this JVM log JSON.
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		return new RunningGateway(new SpringApplicationBuilder(TcpGatewayApplication.class).sources(configurations)
			.web(web)
			.run(args.toArray(String[]::new)));
	}

	/**
	 * @return the TCP port the gateway is bound to
	 */
	public int port() {
		return connectionFactory().getPort();
	}

	/**
	 * @return the HTTP port of Actuator, when started with it
	 */
	public int httpPort() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public AbstractServerConnectionFactory connectionFactory() {
		return this.context.getBean(AbstractServerConnectionFactory.class);
	}

	/**
	 * @return the count of a {@code tcp.gateway} counter with a {@code reason} tag
	 */
	public double counter(String name, String reason) {
		return Meters.count(this.context.getBean(MeterRegistry.class), name, "reason", reason);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
