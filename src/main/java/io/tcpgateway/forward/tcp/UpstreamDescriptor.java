package io.tcpgateway.forward.tcp;

import java.time.Instant;

/**
 * One upstream as health and the {@code tcpupstreams} endpoint show it.
 *
 * @param status {@code UP}, {@code DOWN}, {@code DRAINING}, or {@code UNKNOWN} while no
 * check or connection attempt has told yet
 * @param backup whether it is used only while no primary is up
 * @param connections the bridge's connections to it open now
 * @param connects connections opened to it so far
 * @param failures client connection attempts to it that failed so far
 * @param lastCheck when an active check last ended, or {@code null}
 * @param lastError the last check's or connection attempt's error, or {@code null}
 */
record UpstreamDescriptor(String status, boolean backup, int connections, long connects, long failures,
		Instant lastCheck, String lastError) {

	static UpstreamDescriptor of(Upstream upstream) {
		String status = (upstream.health().isUnknown() && !upstream.isDraining()) ? "UNKNOWN" : upstream.state().name();
		return new UpstreamDescriptor(status, upstream.isBackup(), upstream.connections(), upstream.connectCount(),
				upstream.failureCount(), upstream.health().lastCheck(), upstream.health().lastError());
	}

}
