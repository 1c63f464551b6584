package io.tcpgateway.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * One connection's traffic counters. Each count is written by one thread at a time (the
 * read task, or a writer holding the connection's write lock) and read by others only for
 * display, so plain volatile fields do; the gateway-wide meters are updated once per read
 * or write batch, not per byte.
 */
public final class TrafficCounters {

	private final ConnectionMetrics metrics;

	/**
	 * When the connection was accepted, as the seconds and nanoseconds of an
	 * {@link Instant}: two fields rather than one more object per connection.
	 */
	private final long openedSecond;

	private final int openedNano;

	private final long openedNanos = System.nanoTime();

	private volatile long lastReceivedNanos = this.openedNanos;

	private volatile long lastSentNanos = this.openedNanos;

	private volatile long bytesIn;

	private volatile long bytesOut;

	private volatile long messagesIn;

	private volatile long messagesOut;

	TrafficCounters(ConnectionMetrics metrics) {
		this.metrics = metrics;
		Instant now = Instant.now();
		this.openedSecond = now.getEpochSecond();
		this.openedNano = now.getNano();
	}

	/** Bytes and the frames decoded from them, by the read task. */
	public void received(long messages, long bytes) {
		if (bytes > 0) {
			this.lastReceivedNanos = System.nanoTime();
		}
		this.bytesIn += bytes;
		this.messagesIn += messages;
		this.metrics.received(messages, bytes);
	}

	/** Messages queued and bytes written, under the write lock. */
	public void sent(long messages, long bytes) {
		if (bytes > 0) {
			this.lastSentNanos = System.nanoTime();
		}
		this.bytesOut += bytes;
		this.messagesOut += messages;
		this.metrics.sent(messages, bytes);
	}

	long lastReceivedNanos() {
		return this.lastReceivedNanos;
	}

	/**
	 * @return {@link System#nanoTime()} when bytes were last written to the client (or
	 * when it connected)
	 */
	long lastSentNanos() {
		return this.lastSentNanos;
	}

	ConnectionStats snapshot(long pendingBytes) {
		Instant openedAt = Instant.ofEpochSecond(this.openedSecond, this.openedNano);
		Instant lastReceivedAt = openedAt.plus(Duration.ofNanos(this.lastReceivedNanos - this.openedNanos));
		return new ConnectionStats(openedAt, lastReceivedAt, this.bytesIn, this.bytesOut, this.messagesIn,
				this.messagesOut, pendingBytes);
	}

}
