package io.tcpgateway.server;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.proxy.CidrRange;
import io.tcpgateway.proxy.ProxyProtocolMode;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Checks {@link TcpGatewayProperties} as they are bound. Nested and size-typed values are
 * checked here, with errors under their kebab-case names, so that a failed startup names
 * the property exactly as it is written in {@code application.yml}; simple bounds are
 * annotations on the fields.
 */
final class TcpGatewayPropertiesValidator {

	/**
	 * Largest frame the gateway accepts, whatever is configured: frames are held in a
	 * byte array.
	 */
	static final DataSize MAX_FRAME_LIMIT = DataSize.ofMegabytes(256);

	/**
	 * Framings the upstream may speak: those Spring Integration's TCP codecs implement
	 * for a client connection with a frame at a time.
	 */
	static final Set<Framing> UPSTREAM_FRAMINGS = EnumSet.of(Framing.CRLF, Framing.LF, Framing.STX_ETX,
			Framing.NUL_TERMINATED, Framing.LENGTH_HEADER_1, Framing.LENGTH_HEADER_2, Framing.LENGTH_HEADER_4);

	/** Shortest cluster entry lifetime: a refresh every third of it must stay cheap. */
	static final Duration MIN_ENTRY_TTL = Duration.ofSeconds(3);

	/** What a cluster node id may be: it is part of Redis key and channel names. */
	static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private TcpGatewayPropertiesValidator() {
	}

	static void validate(TcpGatewayProperties properties, Errors errors) {
		checkSize(errors, "max-message-size", properties.getMaxMessageSize(), MAX_FRAME_LIMIT);
		checkSize(errors, "outbound.max-pending", properties.getOutbound().getMaxPending(), null);
		checkAtLeast(errors, "max-buffered-bytes", properties.getMaxBufferedBytes(), "max-message-size",
				properties.getMaxMessageSize());
		checkAtLeast(errors, "outbound.max-pending-total", properties.getOutbound().getMaxPendingTotal(),
				"outbound.max-pending", properties.getOutbound().getMaxPending());
		checkNotNegative(errors, "frame-timeout", properties.getFrameTimeout());
		checkSize(errors, "socket.receive-buffer-size", properties.getSocket().getReceiveBufferSize(), MAX_FRAME_LIMIT);
		checkSize(errors, "socket.send-buffer-size", properties.getSocket().getSendBufferSize(), MAX_FRAME_LIMIT);
		checkPositive(errors, "selector.read-delay", properties.getSelector().getReadDelay());
		checkPositive(errors, "selector.stall-timeout", properties.getSelector().getStallTimeout());
		checkNotNegative(errors, "idle-timeout", properties.getIdleTimeout());
		checkNotNegative(errors, "shutdown.grace-period", properties.getShutdown().getGracePeriod());
		checkPositive(errors, "outbound.write-timeout", properties.getOutbound().getWriteTimeout());
		checkPositive(errors, "ssl.handshake-timeout", properties.getSsl().getHandshakeTimeout());
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
		checkPositive(errors, "proxy-protocol.header-timeout", proxy.getHeaderTimeout());
		if (properties.getHandler().getThreads() < 1) {
			errors.rejectValue("handler.threads", "min", "must be at least 1");
		}
		if (properties.getHandler().getMaxInFlight() < 1) {
			errors.rejectValue("handler.max-in-flight", "min", "must be at least 1");
		}
		if (properties.getHandler().getOnError() == null || properties.getHandler().getErrorReply() == null) {
			errors.rejectValue("handler.on-error", "required", "must be set, with handler.error-reply");
		}
		checkNotNegative(errors, "handler.reply-timeout", properties.getHandler().getReplyTimeout());
		checkCluster(properties.getCluster(), errors);
		RateLimitProperties rateLimit = properties.getRateLimit();
		checkRate(errors, "rate-limit.messages-per-second", rateLimit.getMessagesPerSecond());
		checkSize(errors, "rate-limit.bytes-per-second", rateLimit.getBytesPerSecond(), null);
		checkRate(errors, "rate-limit.connections-per-second", rateLimit.getConnectionsPerSecond());
		checkPositive(errors, "rate-limit.burst", rateLimit.getBurst());
		HeartbeatProperties heartbeat = properties.getHeartbeat();
		if (heartbeat.getInterval() != null) {
			checkNotNegative(errors, "heartbeat.interval", heartbeat.getInterval());
		}
		if (heartbeat.getPayload() == null || heartbeat.getPayload().isEmpty()) {
			errors.rejectValue("heartbeat.payload", "required", "must not be empty");
		}
		checkSize(errors, "wire-log.max-bytes", properties.getWireLog().getMaxBytes(), MAX_FRAME_LIMIT);
		if (properties.getSelector().getEventLoops() < 1) {
			errors.rejectValue("selector.event-loops", "min", "must be 1 or more");
		}
		validateForwardTcp(properties, errors);
		validateForwardHttp(properties.getForward().getHttp(), errors);
	}

	/** Checked only when the bridge is on, that is, when its host is set. */
	private static void validateForwardTcp(TcpGatewayProperties properties, Errors errors) {
		ForwardProperties.Tcp tcp = properties.getForward().getTcp();
		if (tcp.getHost() == null) {
			return;
		}
		if (tcp.getHost().isBlank()) {
			errors.rejectValue("forward.tcp.host", "required", "must not be blank");
		}
		if (tcp.getPort() < 1 || tcp.getPort() > 65535) {
			errors.rejectValue("forward.tcp.port", "range", "must be between 1 and 65535");
		}
		if (tcp.getMode() == null) {
			errors.rejectValue("forward.tcp.mode", "required", "must be per-connection or shared");
		}
		if (tcp.getPoolSize() < 1) {
			errors.rejectValue("forward.tcp.pool-size", "min", "must be at least 1");
		}
		if (tcp.getThreads() < 1) {
			errors.rejectValue("forward.tcp.threads", "min", "must be at least 1");
		}
		checkPositive(errors, "forward.tcp.connect-timeout", tcp.getConnectTimeout());
		checkPositive(errors, "forward.tcp.reply-timeout", tcp.getReplyTimeout());
		Framing framing = (tcp.getFraming() != null) ? tcp.getFraming() : properties.getFraming();
		if (framing != null && !UPSTREAM_FRAMINGS.contains(framing)) {
			errors.rejectValue("forward.tcp.framing", "unsupported",
					"the upstream's framing must be one of " + UPSTREAM_FRAMINGS.stream().map(Framing::value).toList()
							+ ", not " + framing.value()
							+ ((tcp.getFraming() == null) ? " (from tcp-gateway.framing)" : ""));
		}
	}

	private static void validateForwardHttp(ForwardProperties.Http http, Errors errors) {
		URI url = http.getUrl();
		if (url != null && !isAbsoluteHttpUrl(url)) {
			errors.rejectValue("forward.http.url", "url", "must be an absolute http or https URL with a host");
		}
		checkPositive(errors, "forward.http.timeout", http.getTimeout());
		if (http.getMaxConcurrency() < 1) {
			errors.rejectValue("forward.http.max-concurrency", "min", "must be at least 1");
		}
		try {
			MediaType contentType = MediaType.parseMediaType(http.getContentType());
			if (contentType.isWildcardType() || contentType.isWildcardSubtype()) {
				errors.rejectValue("forward.http.content-type", "mediaType",
						"must be a concrete media type such as application/octet-stream, not a wildcard");
			}
		}
		catch (InvalidMediaTypeException ex) {
			errors.rejectValue("forward.http.content-type", "mediaType",
					"must be a media type such as application/octet-stream: " + ex.getMessage());
		}
	}

	private static boolean isAbsoluteHttpUrl(URI url) {
		return url.isAbsolute()
				&& ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
				&& url.getHost() != null;
	}

	private static void checkCluster(ClusterProperties cluster, Errors errors) {
		if (cluster.getEntryTtl() == null || cluster.getEntryTtl().compareTo(MIN_ENTRY_TTL) < 0) {
			errors.rejectValue("cluster.entry-ttl", "min",
					"must be at least " + MIN_ENTRY_TTL.toSeconds() + "s: entries are refreshed every third of it");
		}
		checkPositive(errors, "cluster.timeout", cluster.getTimeout());
		if (cluster.getNodeId() != null && !NODE_ID.matcher(cluster.getNodeId()).matches()) {
			errors.rejectValue("cluster.node-id", "pattern",
					"must be 1 to 64 letters, digits, '.', '_' or '-' (it names a Redis channel)");
		}
		if (cluster.getKeyPrefix() == null || cluster.getKeyPrefix().isEmpty()
				|| cluster.getKeyPrefix().chars().anyMatch((c) -> c <= ' ' || c > '~')) {
			errors.rejectValue("cluster.key-prefix", "pattern", "must be printable ASCII without spaces");
		}
		if (cluster.getQueueCapacity() < 1) {
			errors.rejectValue("cluster.queue-capacity", "min", "must be at least 1");
		}
	}

	private static void checkNotNegative(Errors errors, String field, Duration duration) {
		if (duration == null || duration.isNegative()) {
			errors.rejectValue(field, "notNegative", "must be 0 or more");
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

	private static void checkPositive(Errors errors, String field, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			errors.rejectValue(field, "positive", "must be positive");
		}
	}

}
