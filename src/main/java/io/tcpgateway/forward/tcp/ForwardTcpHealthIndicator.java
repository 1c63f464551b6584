package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.tcpgateway.connection.EnumNames;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the upstream as the {@code tcpGatewayForward} health component: UP while the
 * bridge holds a connection to it or can open one, DOWN with the last error otherwise.
 *
 * <p>
 * While the bridge holds no connection (per-connection mode with no client, or a pool
 * whose connections all dropped), each check opens and closes a plain socket to the
 * upstream, within the connect timeout, so the answer is current rather than the outcome
 * of an attempt long ago.
 */
final class ForwardTcpHealthIndicator extends AbstractHealthIndicator {

	private final UpstreamClient upstream;

	ForwardTcpHealthIndicator(UpstreamClient upstream) {
		super("Upstream health check failed");
		this.upstream = upstream;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ForwardTcpSettings settings = this.upstream.settings();
		int open = this.upstream.openConnections();
		builder.withDetail("upstream", settings.address())
			.withDetail("mode", EnumNames.kebabCase(settings.mode()))
			.withDetail("framing", settings.framing().value())
			.withDetail("connections", open);
		if (open > 0) {
			builder.up();
			return;
		}
		String error = probe(settings);
		if (error == null) {
			builder.up();
		}
		else {
			builder.down().withDetail("error", error);
		}
	}

	/**
	 * @return {@code null} when a connection could be made, else why not
	 */
	private static String probe(ForwardTcpSettings settings) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(settings.host(), settings.port()),
					(int) settings.connectTimeout().toMillis());
			return null;
		}
		catch (IOException | IllegalArgumentException ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
	}

}
