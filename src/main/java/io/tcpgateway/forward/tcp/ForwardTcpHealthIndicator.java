package io.tcpgateway.forward.tcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.connection.EnumNames;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the upstreams as the {@code tcpGatewayForward} health component: each with its
 * status ({@code UP}, {@code DOWN}, {@code DRAINING}, {@code UNKNOWN}), connections, last
 * check and last error; the component is UP while any upstream is up (a drained one does
 * not count: it takes no new clients), UNKNOWN while none is up but some have not been
 * checked yet, and DOWN with the last error otherwise.
 *
 * <p>
 * Reading health never runs a check: it is open to anonymous callers and would hold their
 * request for a check's timeout.
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
		List<Upstream> upstreams = this.upstream.upstreams().all();
		Map<String, UpstreamDescriptor> details = new LinkedHashMap<>();
		String error = null;
		boolean anyUp = false;
		boolean anyUnknown = false;
		for (Upstream upstream : upstreams) {
			boolean unknown = upstream.health().isUnknown() && !upstream.isDraining();
			anyUnknown |= unknown;
			anyUp |= !unknown && upstream.state() == UpstreamState.UP;
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
		else if (anyUnknown) {
			builder.unknown().withDetail("error", "not yet checked");
		}
		else {
			builder.down().withDetail("error", (error != null) ? error : "no upstream address is known");
		}
	}

}
