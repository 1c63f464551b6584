package io.tcpgateway.server;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.proxy.CidrRange;
import io.tcpgateway.proxy.ProxyProtocolMode;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Checks {@link TcpGatewayProperties} as they are bound, with errors under their
 * kebab-case names, so that a failed startup names the property exactly as it is written
 * in {@code application.yml}. Every bound is checked here rather than by Bean Validation
 * annotations: those would bootstrap a Bean Validation provider at every start (about 500
 * classes, a second of a start on one CPU) for a few comparisons.
 */
final class TcpGatewayPropertiesValidator {

	/**
	 * Largest frame the gateway accepts, whatever is configured: frames are held in a
	 * byte array.
	 */
	static final DataSize MAX_FRAME_LIMIT = DataSize.ofMegabytes(256);

	private TcpGatewayPropertiesValidator() {
	}

	static void validate(TcpGatewayProperties properties, Errors errors) {
		if (properties.getPort() < 0 || properties.getPort() > 65535) {
			errors.rejectValue("port", "range", "must be between 0 and 65535");
		}
		checkAtLeastOne(errors, "backlog", properties.getBacklog());
		checkAtLeastOne(errors, "max-connections", properties.getMaxConnections());
		checkAtLeastOne(errors, "max-connections-per-client", properties.getMaxConnectionsPerClient());
		checkSet(errors, "io-mode", properties.getIoMode());
		checkSet(errors, "framing", properties.getFraming());
		checkSet(errors, "max-message-size", properties.getMaxMessageSize());
		checkSize(errors, "max-message-size", properties.getMaxMessageSize(), MAX_FRAME_LIMIT);
		checkSize(errors, "outbound.max-pending", properties.getOutbound().getMaxPending(), null);
		checkAtLeast(errors, "max-buffered-bytes", properties.getMaxBufferedBytes(), "max-message-size",
				properties.getMaxMessageSize());
		checkAtLeast(errors, "outbound.max-pending-total", properties.getOutbound().getMaxPendingTotal(),
				"outbound.max-pending", properties.getOutbound().getMaxPending());
		DurationChecks.notNegative(errors, "frame-timeout", properties.getFrameTimeout());
		checkSize(errors, "socket.receive-buffer-size", properties.getSocket().getReceiveBufferSize(), MAX_FRAME_LIMIT);
		checkSize(errors, "socket.send-buffer-size", properties.getSocket().getSendBufferSize(), MAX_FRAME_LIMIT);
		DurationChecks.positive(errors, "selector.read-delay", properties.getSelector().getReadDelay());
		DurationChecks.positive(errors, "selector.stall-timeout", properties.getSelector().getStallTimeout());
		DurationChecks.notNegative(errors, "idle-timeout", properties.getIdleTimeout());
		DurationChecks.notNegative(errors, "shutdown.grace-period", properties.getShutdown().getGracePeriod());
		DurationChecks.positive(errors, "outbound.write-timeout", properties.getOutbound().getWriteTimeout());
		DurationChecks.positive(errors, "ssl.handshake-timeout", properties.getSsl().getHandshakeTimeout());
		if (properties.getSsl().getClientAuth() == null) {
			errors.rejectValue("ssl.client-auth", "required", "must be set");
		}
		if (properties.getOutbound().getSlowConsumer() == null) {
			errors.rejectValue("outbound.slow-consumer", "required", "must be set");
		}
		ProxyProtocolProperties proxy = properties.getProxyProtocol();
		if (proxy.getMode() == null) {
			errors.rejectValue("proxy-protocol.mode", "required", "must be set");
		}
		else if (proxy.getMode() != ProxyProtocolMode.OFF && properties.getIoMode() == IoMode.NET
				&& properties.getSsl().getBundle() != null) {
			errors.rejectValue("proxy-protocol.mode", "unsupported",
					"the PROXY protocol with TLS needs io-mode nio (in net mode TLS starts with the socket)");
		}
		if (proxy.getMode() != null && proxy.getMode() != ProxyProtocolMode.OFF
				&& (proxy.getTrustedProxies() == null || proxy.getTrustedProxies().isEmpty())) {
			errors.rejectValue("proxy-protocol.trusted-proxies", "required",
					"must be set when proxy-protocol.mode is not off: a header from any peer could claim any "
							+ "client address (write 0.0.0.0/0,::/0 to trust every peer)");
		}
		for (int i = 0; i < proxy.getTrustedProxies().size(); i++) {
			try {
				CidrRange.parse(proxy.getTrustedProxies().get(i));
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("proxy-protocol.trusted-proxies[" + i + "]", "cidr", ex.getMessage());
			}
		}
		DurationChecks.positive(errors, "proxy-protocol.header-timeout", proxy.getHeaderTimeout());
		if (properties.getHandler().getThreads() < 1) {
			errors.rejectValue("handler.threads", "min", "must be at least 1");
		}
		if (properties.getHandler().getMaxInFlight() < 1) {
			errors.rejectValue("handler.max-in-flight", "min", "must be at least 1");
		}
		if (properties.getHandler().getOnError() == null || properties.getHandler().getErrorReply() == null) {
			errors.rejectValue("handler.on-error", "required", "must be set, with handler.error-reply");
		}
		DurationChecks.notNegative(errors, "handler.reply-timeout", properties.getHandler().getReplyTimeout());
		RateLimitProperties rateLimit = properties.getRateLimit();
		checkRate(errors, "rate-limit.messages-per-second", rateLimit.getMessagesPerSecond());
		checkSize(errors, "rate-limit.bytes-per-second", rateLimit.getBytesPerSecond(), null);
		checkRate(errors, "rate-limit.connections-per-second", rateLimit.getConnectionsPerSecond());
		DurationChecks.positive(errors, "rate-limit.burst", rateLimit.getBurst());
		HeartbeatProperties heartbeat = properties.getHeartbeat();
		if (heartbeat.getInterval() != null) {
			DurationChecks.notNegative(errors, "heartbeat.interval", heartbeat.getInterval());
		}
		if (heartbeat.getPayload() == null || heartbeat.getPayload().isEmpty()) {
			errors.rejectValue("heartbeat.payload", "required", "must not be empty");
		}
		checkSize(errors, "wire-log.max-bytes", properties.getWireLog().getMaxBytes(), MAX_FRAME_LIMIT);
		if (properties.getSelector().getEventLoops() < 1) {
			errors.rejectValue("selector.event-loops", "min", "must be 1 or more");
		}
	}

	/**
	 * A gateway-wide budget smaller than what one connection may hold would close a
	 * connection that is within its own limit.
	 */
	private static void checkAtLeast(Errors errors, String field, DataSize size, String smallerField,
			DataSize smaller) {
		if (size != null && smaller != null && size.compareTo(smaller) < 0) {
			errors.rejectValue(field, "range", "must be at least " + smallerField + " (" + smaller + ")");
		}
	}

	private static void checkAtLeastOne(Errors errors, String field, Integer value) {
		if (value != null && value < 1) {
			errors.rejectValue(field, "min", "must be at least 1");
		}
	}

	private static void checkSet(Errors errors, String field, Object value) {
		if (value == null) {
			errors.rejectValue(field, "required", "must be set");
		}
	}

	private static void checkSize(Errors errors, String field, DataSize size, DataSize max) {
		if (size != null && (size.toBytes() < 1 || (max != null && size.compareTo(max) > 0))) {
			errors.rejectValue(field, "range", (max != null) ? "must be between 1B and " + max : "must be at least 1B");
		}
	}

	private static void checkRate(Errors errors, String field, Double perSecond) {
		if (perSecond != null && !(perSecond > 0 && perSecond < Double.POSITIVE_INFINITY)) {
			errors.rejectValue(field, "positive", "must be positive");
		}
	}

}
