package io.tcpgateway.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per closed connection on logger {@code io.tcpgateway.access}, as
 * HAProxy's {@code option tcplog} gives: who, for how long, how much, and why it ended.
 *
 * <p>
 * Each value is also a key-value pair of the event (SLF4J's fluent API), so structured
 * logging ({@code logging.structured.format.console=ecs}) prints them as JSON fields of
 * their own, under ECS names where ECS has one.
 */
public final class AccessLog {

	/** The logger's name, for {@code logging.level}. */
	public static final String LOGGER_NAME = "io.tcpgateway.access";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/** Logs nothing. */
	public static final AccessLog OFF = new AccessLog(false);

	private final boolean enabled;

	public AccessLog(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * @return whether {@link #closed} logs anything, so callers can skip building the
	 * entry
	 */
	public boolean isEnabled() {
		return this.enabled && logger.isInfoEnabled();
	}

	public void closed(AccessLogEntry entry) {
		String client = entry.client().getAddress().getHostAddress();
		int clientPort = entry.client().getPort();
		logger.atInfo()
			.addKeyValue("client.address", client)
			.addKeyValue("client.port", clientPort)
			.addKeyValue("server.port", entry.localPort())
			.addKeyValue("tcp_gateway.connection.id", entry.connectionId())
			.addKeyValue("event.start", entry.openedAt().toString())
			.addKeyValue("event.duration", entry.duration().toNanos())
			.addKeyValue("client.bytes", entry.bytesIn())
			.addKeyValue("server.bytes", entry.bytesOut())
			.addKeyValue("tcp_gateway.messages.in", entry.messagesIn())
			.addKeyValue("tcp_gateway.messages.out", entry.messagesOut())
			.addKeyValue("event.reason", entry.reason())
			.log(client + ":" + clientPort + " -> :" + entry.localPort() + " id=" + entry.connectionId() + " opened="
					+ entry.openedAt() + " duration=" + entry.duration().toMillis() + "ms bytes-in=" + entry.bytesIn()
					+ " bytes-out=" + entry.bytesOut() + " messages-in=" + entry.messagesIn() + " messages-out="
					+ entry.messagesOut() + " reason=" + entry.reason());
	}

}
