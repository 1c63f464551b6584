package io.tcpgateway.health;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the TCP listener as the {@code tcpGateway} health component: UP while it
 * listens, OUT_OF_SERVICE while it drains on shutdown, DOWN otherwise.
 */
class TcpGatewayHealthIndicator extends AbstractHealthIndicator {

	private final GatewayServer server;

	private final ConnectionRegistry registry;

	private final String ioMode;

	private final String framing;

	TcpGatewayHealthIndicator(GatewayServer server, ConnectionRegistry registry, String ioMode, String framing) {
		super("TCP gateway health check failed");
		this.server = server;
		this.registry = registry;
		this.ioMode = ioMode;
		this.framing = framing;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.registry.isDraining()) {
			builder.outOfService().withDetail("draining", true);
		}
		else if (this.server.isListening()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("port", this.server.port())
			.withDetail("ioMode", this.ioMode)
			.withDetail("framing", this.framing)
			.withDetail("activeConnections", this.registry.size());
	}

}
