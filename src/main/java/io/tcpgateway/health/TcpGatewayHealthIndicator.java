package io.tcpgateway.health;

import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Reports the TCP listener as the {@code tcpGateway} health component: UP while it listens.
 */
@Component("tcpGateway")
class TcpGatewayHealthIndicator extends AbstractHealthIndicator {

	private final AbstractServerConnectionFactory factory;

	private final TcpGatewayProperties properties;

	TcpGatewayHealthIndicator(AbstractServerConnectionFactory factory, TcpGatewayProperties properties) {
		super("TCP gateway health check failed");
		this.factory = factory;
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.factory.isListening()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("port", this.factory.getPort())
			.withDetail("ioMode", this.properties.getIoMode().name().toLowerCase())
			.withDetail("framing", this.properties.getFraming().name().toLowerCase().replace('_', '-'))
			.withDetail("activeConnections", this.factory.getOpenConnectionIds().size());
	}

}
