package io.tcpgateway.connection;

import java.time.Duration;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A payload written to a connection to which nothing has been written for an interval,
 * framed like a reply: it keeps NAT and load-balancer idle timers from cutting clients
 * that are quiet, and a client that answers it is no longer idle.
 */
public final class Heartbeat {

	private final long intervalNanos;

	private final Message<byte[]> message;

	public Heartbeat(Duration interval, byte[] payload) {
		this.intervalNanos = interval.toNanos();
		this.message = MessageBuilder.withPayload(payload).build();
	}

	public Duration interval() {
		return Duration.ofNanos(this.intervalNanos);
	}

	/**
	 * @return how long until the connection is owed a heartbeat, 0 or less when it is now
	 */
	public long nanosUntilDue(ConnectionSession session, long now) {
		return session.traffic().lastSentNanos() + this.intervalNanos - now;
	}

	/**
	 * Write the heartbeat if the connection is owed one: nothing written for the
	 * interval, its PROXY header read, and not closing.
	 * @return whether it was written
	 */
	public boolean sendIfDue(Connection connection, long now) {
		ConnectionSession session = connection.session();
		if (nanosUntilDue(session, now) > 0 || session.isClosing() || session.proxyHeaderPendingSince() != 0
				|| !connection.isOpen()) {
			return false;
		}
		try {
			connection.send(this.message);
		}
		catch (RuntimeException ex) {
			// closed under it: the next sweep no longer sees the connection
			return false;
		}
		session.registryMetrics().heartbeatSent();
		return true;
	}

}
