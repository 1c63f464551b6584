package io.tcpgateway.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.observation.TcpGatewayObservations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Carries the trace of a push, close or broadcast from the gateway that publishes it to
 * the one that delivers it: {@value #PUBLISH} is a producer observation whose context a
 * tracer's propagating handler writes into the command ({@link CommandContext}),
 * {@value #DELIVERY} a consumer observation read back from it, so that the delivery joins
 * the publisher's trace. With observations off, commands go as they always did and
 * nothing is allocated.
 */
final class ClusterObservations {

	/** A command published for another gateway. */
	static final String PUBLISH = "tcp.gateway.cluster.publish";

	/** A command from another gateway carried out. */
	static final String DELIVERY = "tcp.gateway.cluster.delivery";

	/**
	 * Low cardinality: the command's operation, such as {@code send} or
	 * {@code broadcast}.
	 */
	static final String OP = "op";

	/** High cardinality: the node id of the gateway that published the command. */
	static final String SENDER = "sender.node";

	/** Observations off. */
	static final ClusterObservations NONE = new ClusterObservations(TcpGatewayObservations.NONE);

	private static final Log logger = LogFactory.getLog(ClusterObservations.class);

	private static final String REMOTE_SERVICE = "redis";

	private final ObservationRegistry registry;

	private final boolean enabled;

	private final RateLimitedLog unreadable = new RateLimitedLog(logger);

	ClusterObservations(TcpGatewayObservations observations) {
		this.registry = observations.registry();
		this.enabled = observations.enabled();
	}

	/**
	 * @return the command's publication, started, the child of the observation current on
	 * this thread; {@link Observation#NOOP} when off
	 */
	Observation publishing(ClusterCommand command) {
		if (!this.enabled) {
			return Observation.NOOP;
		}
		SenderContext<Map<String, String>> context = new SenderContext<>((carrier, name, value) -> {
			if (carrier != null) {
				carrier.put(name, value);
			}
		}, Kind.PRODUCER);
		context.setCarrier(new LinkedHashMap<>());
		context.setRemoteServiceName(REMOTE_SERVICE);
		return Observation.createNotStarted(PUBLISH, () -> context, this.registry)
			.lowCardinalityKeyValue(OP, command.op().token)
			.start();
	}

	/**
	 * @return the command's text, with the trace context the publication carries when
	 * there is one that fits
	 */
	static String encode(ClusterCommand command, Observation publishing) {
		if (!publishing.isNoop() && publishing.getContext() instanceof SenderContext<?> sender
				&& sender.getCarrier() instanceof Map<?, ?> carrier && !carrier.isEmpty()) {
			@SuppressWarnings("unchecked")
			Map<String, String> fields = (Map<String, String>) carrier;
			return command.withContext(CommandContext.encode(fields)).encode();
		}
		return command.encode();
	}

	/**
	 * Carry out a command in its delivery's observation, in the trace it carries (a new
	 * one when it carries none, or one that cannot be read).
	 */
	void delivering(ClusterCommand command, Runnable delivery) {
		if (!this.enabled) {
			delivery.run();
			return;
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(
				(carrier, name) -> (carrier != null) ? carrier.get(name) : null, Kind.CONSUMER);
		context.setCarrier(carried(command));
		context.setRemoteServiceName(REMOTE_SERVICE);
		Observation.createNotStarted(DELIVERY, () -> context, this.registry)
			.lowCardinalityKeyValue(OP, command.op().token)
			.highCardinalityKeyValue(SENDER, command.sender())
			.observe(delivery);
	}

	private Map<String, String> carried(ClusterCommand command) {
		if (command.context() == null) {
			return Map.of();
		}
		try {
			return CommandContext.decode(command.context());
		}
		catch (IllegalArgumentException ex) {
			String token = command.context();
			this.unreadable.warn((count) -> "Ignored the trace context of " + count + " cluster command(s), the last "
					+ "from " + command.sender() + ": " + ex.getMessage() + ", " + NodeIds.quote(token)
					+ " (only gateways should publish on their channels)");
			return Map.of();
		}
	}

}
