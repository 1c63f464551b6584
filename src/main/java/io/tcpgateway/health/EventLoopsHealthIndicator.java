package io.tcpgateway.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tcpgateway.connection.ServerControls;
import io.tcpgateway.connection.StalledLoop;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the event loops as the {@code tcpGatewayEventLoops} health component, part of
 * liveness: DOWN while a loop has not completed a pass for the stall timeout, naming the
 * loop and where it is stuck. A stuck loop serves none of its connections however well
 * the rest of the gateway looks, and only a restart may free it.
 *
 * <p>
 * Asked afresh on each request, on the caller's thread: the answer must not depend on a
 * thread that may itself wait on the stuck loop.
 */
class EventLoopsHealthIndicator extends AbstractHealthIndicator {

	private final ServerControls server;

	private final Duration stallTimeout;

	EventLoopsHealthIndicator(ServerControls server, Duration stallTimeout) {
		super("Event loop health check failed");
		this.server = server;
		this.stallTimeout = stallTimeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<StalledLoop> stalled = this.server.stalledLoops(this.stallTimeout);
		if (stalled.isEmpty()) {
			builder.up();
			return;
		}
		builder.down()
			.withDetail("stallTimeout", this.stallTimeout.toString())
			.withDetail("stalled", stalled.stream().map(EventLoopsHealthIndicator::describe).toList());
	}

	private static Map<String, Object> describe(StalledLoop loop) {
		return Map.of("thread", loop.thread(), "stalledFor", loop.stalledFor().toString(), "at",
				loop.at().stream().map(String::valueOf).toList());
	}

}
