package io.tcpgateway.logging;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.micrometer.observation.Observation;

/**
 * What the access log says about one closed connection.
 *
 * @param connectionId the connection's id
 * @param client the client's address and port: behind a load balancer, from its PROXY
 * header
 * @param localPort the gateway's port it connected to
 * @param openedAt when it opened
 * @param duration how long it was open
 * @param bytesIn bytes received from the client
 * @param bytesOut bytes written to the client
 * @param messagesIn frames received
 * @param messagesOut replies and pushes written
 * @param reason why it closed, as the metrics tag it
 * @param observation the connection's observation, whose trace the line joins, or
 * {@code null} when not observed; ended, kept only to open its scope while the line is
 * written (the tracing handler then gives the line its trace), which the bounded queue of
 * lines bounds. Left out of {@code equals}, {@code hashCode} and {@code toString}: an
 * entry is the line it writes
 */
public record AccessLogEntry(String connectionId, InetSocketAddress client, int localPort, Instant openedAt,
		Duration duration, long bytesIn, long bytesOut, long messagesIn, long messagesOut, String reason,
		Observation observation) {

	/**
	 * The line of a connection not observed.
	 */
	public AccessLogEntry(String connectionId, InetSocketAddress client, int localPort, Instant openedAt,
			Duration duration, long bytesIn, long bytesOut, long messagesIn, long messagesOut, String reason) {
		this(connectionId, client, localPort, openedAt, duration, bytesIn, bytesOut, messagesIn, messagesOut, reason,
				null);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof AccessLogEntry entry && line().equals(entry.line()));
	}

	@Override
	public int hashCode() {
		return line().hashCode();
	}

	@Override
	public String toString() {
		return "AccessLogEntry" + line();
	}

	/** The fields the line is written from, the observation left out. */
	private List<Object> line() {
		return Arrays.asList(this.connectionId, this.client, this.localPort, this.openedAt, this.duration, this.bytesIn,
				this.bytesOut, this.messagesIn, this.messagesOut, this.reason);
	}

}
