package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The upstreams and how the bridge picks, checks and retries them, from
 * {@code tcp-gateway.forward.tcp.*}.
 *
 * @param primaries the upstreams ({@code host} and {@code port}, or {@code upstreams})
 * @param backups upstreams used only while no primary is up
 * @param balance how a client picks its upstream
 * @param connectAttempts upstreams a client tries before it is closed
 * @param resolveInterval how often names are resolved again
 * @param slowStart how long an upstream that comes up takes to get its full share
 * @param check the active health checks
 */
record UpstreamPoolSettings(List<UpstreamAddress> primaries, List<UpstreamAddress> backups, Balance balance,
		int connectAttempts, Duration resolveInterval, Duration slowStart, HealthCheckSettings check) {

	/**
	 * @param interval between two checks of an upstream; zero for none
	 * @param timeout how long a check may take
	 * @param rise successes in a row that bring an upstream up
	 * @param fall failures in a row that take it down
	 * @param send what a check sends once connected, {@code null} for a connect only
	 * @param expect what the reply must start with, {@code null} for anything
	 */
	record HealthCheckSettings(Duration interval, Duration timeout, int rise, int fall, byte[] send, byte[] expect) {

		boolean enabled() {
			return !this.interval.isZero();
		}

	}

	/**
	 * @return the upstreams as configured, for logs: {@code a:1, b:2}
	 */
	String describe() {
		return this.primaries.stream().map(UpstreamAddress::toString).collect(Collectors.joining(", "));
	}

}
