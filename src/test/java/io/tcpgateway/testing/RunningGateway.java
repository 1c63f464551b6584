package io.tcpgateway.testing;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.TcpGatewayApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The whole gateway application, started without its web server on a free TCP port.
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
		// as command-line arguments, so they win over ./application.yml
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		if (args.stream().noneMatch(arg -> arg.startsWith("--tcp-gateway.port="))) {
			args.add("--tcp-gateway.port=0");
		}
		return new RunningGateway(new SpringApplicationBuilder(TcpGatewayApplication.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new)));
	}

	/**
	 * @return the TCP port the gateway is bound to
	 */
	public int port() {
		return connectionFactory().getPort();
	}

	public AbstractServerConnectionFactory connectionFactory() {
		return this.context.getBean(AbstractServerConnectionFactory.class);
	}

	/**
	 * @return the count of a {@code tcp.gateway} counter with a {@code reason} tag, 0
	 * when never registered
	 */
	public double counter(String name, String reason) {
		Counter counter = this.context.getBean(MeterRegistry.class).find(name).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
