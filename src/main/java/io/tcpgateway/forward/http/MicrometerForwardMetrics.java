package io.tcpgateway.forward.http;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counts the HTTP bridge's failed requests by reason; every counter is registered up
 * front, so each reason shows, at zero, before its first failure.
 */
final class MicrometerForwardMetrics implements ForwardMetrics {

	/**
	 * Requests that failed, tagged with {@value #REASON}: the TCP bridge counts its own.
	 */
	static final String FORWARD_ERRORS = "tcp.gateway.forward.errors";

	static final String REASON = "reason";

	private final Map<ForwardError, Counter> errors = new EnumMap<>(ForwardError.class);

	MicrometerForwardMetrics(MeterRegistry registry, Tags tags) {
		for (ForwardError reason : ForwardError.values()) {
			this.errors.put(reason,
					Counter.builder(FORWARD_ERRORS)
						.description("Requests forwarded to the HTTP backend that failed, by reason")
						.tags(tags)
						.tag(REASON, reason.tagValue())
						.register(registry));
		}
	}

	@Override
	public void failed(ForwardError reason) {
		this.errors.get(reason).increment();
	}

}
