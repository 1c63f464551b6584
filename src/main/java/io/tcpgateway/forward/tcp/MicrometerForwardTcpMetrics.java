package io.tcpgateway.forward.tcp;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.connection.EnumNames;

/**
 * The bridge's meters, {@code tcp.gateway.forward.*}, tagged with the mode and the
 * upstream ({@value #NO_UPSTREAM} for what concerns none), each registered as soon as its
 * upstream is known.
 */
final class MicrometerForwardTcpMetrics implements ForwardTcpMetrics {

	/**
	 * Counter: failures of the bridges to a backend, tagged with {@link #REASON}: for the
	 * upstream TCP service {@code connect}, {@code overloaded}, {@code unavailable},
	 * {@code timeout}, {@code closed}, {@code unexpected}; for the HTTP service
	 * {@code status}, {@code connect}, {@code timeout}, {@code io}.
	 */
	static final String FORWARD_ERRORS = "tcp.gateway.forward.errors";

	/** Counter: connections opened to the upstream TCP service. */
	static final String FORWARD_CONNECTS = "tcp.gateway.forward.connects";

	/** Gauge: connections to the upstream TCP service open now. */
	static final String FORWARD_CONNECTIONS_ACTIVE = "tcp.gateway.forward.connections.active";

	/** Counter: frames written to the upstream TCP service. */
	static final String FORWARD_MESSAGES_SENT = "tcp.gateway.forward.messages.sent";

	/** Counter: frames received from the upstream TCP service. */
	static final String FORWARD_MESSAGES_RECEIVED = "tcp.gateway.forward.messages.received";

	/** Counter: payload bytes written to the upstream TCP service. */
	static final String FORWARD_DATA_SENT = "tcp.gateway.forward.data.sent";

	/** Counter: payload bytes received from the upstream TCP service. */
	static final String FORWARD_DATA_RECEIVED = "tcp.gateway.forward.data.received";

	/** Timer: in shared mode, from a request written upstream to its reply. */
	static final String FORWARD_REPLY_LATENCY = "tcp.gateway.forward.reply.latency";

	/** Gauge: 1 while the upstream is up (or not yet checked), 0 while it is down. */
	static final String FORWARD_UPSTREAM_UP = "tcp.gateway.forward.upstream.up";

	/**
	 * Counter: client connection attempts that failed on one upstream and were tried on
	 * another.
	 */
	static final String FORWARD_RETRIES = "tcp.gateway.forward.retries";

	/** Tag: the bridge's mode, {@code per-connection} or {@code shared}. */
	static final String MODE = "mode";

	/** Tag: the upstream's {@code address:port}. */
	static final String UPSTREAM = "upstream";

	static final String REASON = "reason";

	/** The {@link #UPSTREAM} tag of what concerns no one upstream. */
	static final String NO_UPSTREAM = "none";

	/** Reasons that concern no one upstream. */
	private static final Set<Error> WITHOUT_UPSTREAM = EnumSet.of(Error.OVERLOADED, Error.UNAVAILABLE);

	private final MeterRegistry registry;

	private final Tags tags;

	private final Counter overloaded;

	private final Counter unavailable;

	private final Counter retries;

	MicrometerForwardTcpMetrics(MeterRegistry registry, ForwardTcpMode mode) {
		this.registry = registry;
		this.tags = Tags.of(MODE, EnumNames.kebabCase(mode));
		Tags none = this.tags.and(UPSTREAM, NO_UPSTREAM);
		this.overloaded = errorCounter(none, Error.OVERLOADED);
		this.unavailable = errorCounter(none, Error.UNAVAILABLE);
		this.retries = Counter.builder(FORWARD_RETRIES).tags(this.tags).register(registry);
	}

	private Counter errorCounter(Tags tags, Error reason) {
		return Counter.builder(FORWARD_ERRORS)
			.tags(tags)
			.tag(REASON, EnumNames.kebabCase(reason))
			.register(this.registry);
	}

	@Override
	public void error(Error reason) {
		((reason == Error.OVERLOADED) ? this.overloaded : this.unavailable).increment();
	}

	@Override
	public void retried() {
		this.retries.increment();
	}

	@Override
	public UpstreamMetrics upstream(String upstream, IntSupplier connections, IntSupplier up) {
		Tags tags = this.tags.and(UPSTREAM, upstream);
		return new MicrometerUpstreamMetrics(this.registry, tags, connections, up,
				(reason) -> WITHOUT_UPSTREAM.contains(reason) ? null : errorCounter(tags, reason));
	}

}
