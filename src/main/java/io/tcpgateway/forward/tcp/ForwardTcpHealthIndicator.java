package io.tcpgateway.forward.tcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.connection.EnumNames;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the upstreams as the {@code tcpGatewayForward} health component: each with its
 * status ({@code UP}, {@code DOWN}, {@code DRAINING}), connections, last check and last
 * error; the component is UP while any upstream is up, DOWN with the last error when none
 * is.
 *
 * <p>
 * An upstream whose health nothing has told yet (no check has ended and no client has
 * connected, as right after start) is checked now, within the check timeout, so that the
 * answer is current rather than assumed.
 */
final class ForwardTcpHealthIndicator extends AbstractHealthIndicator {

	private final UpstreamClient upstream;

	private final UpstreamHealthChecker checker;

	ForwardTcpHealthIndicator(UpstreamClient upstream, UpstreamHealthChecker checker) {
		super("Upstream health check failed");
		this.upstream = upstream;
		this.checker = checker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ForwardTcpSettings settings = this.upstream.settings();
		List<Upstream> upstreams = this.upstream.upstreams().all();
		Map<String, UpstreamDescriptor> details = new LinkedHashMap<>();
		String error = null;
		boolean anyUp = false;
		for (Upstream upstream : upstreams) {
			if (upstream.health().isUnknown()) {
				this.checker.checkNow(upstream);
			}
			anyUp |= upstream.health().isUp();
			if (error == null) {
				error = upstream.health().lastError();
			}
			details.put(upstream.key(), UpstreamDescriptor.of(upstream));
		}
		builder.withDetail("upstream", settings.address())
			.withDetail("mode", EnumNames.kebabCase(settings.mode()))
			.withDetail("framing", settings.framing().value())
			.withDetail("connections", this.upstream.openConnections())
			.withDetail("upstreams", details);
		if (anyUp) {
			builder.up();
		}
		else {
			builder.down().withDetail("error", (error != null) ? error : "no upstream address is known");
		}
	}

}
