package io.tcpgateway.health;

import io.tcpgateway.server.GatewayConnections;
import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Reports the TCP listener as the {@code tcpGateway} health component: UP while it listens,
 * OUT_OF_SERVICE while it drains on shutdown, DOWN otherwise.
 */
class TcpGatewayHealthIndicator extends AbstractHealthIndicator {

	private final AbstractServerConnectionFactory factory;

	private final TcpGatewayProperties properties;

	private final GatewayConnections connections;

	TcpGatewayHealthIndicator(AbstractServerConnectionFactory factory, TcpGatewayProperties properties,
			GatewayConnections connections) {
		super("TCP gateway health check failed");
		this.factory = factory;
		this.properties = properties;
		this.connections = connections;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.connections.isDraining()) {
			builder.outOfService().withDetail("draining", true);
		}
		else if (this.factory.isListening()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("port", this.factory.getPort())
			.withDetail("ioMode", this.properties.getIoMode().name().toLowerCase())
			.withDetail("framing", this.properties.getFraming().name().toLowerCase().replace('_', '-'))
			.withDetail("activeConnections", this.connections.size());
	}

}
