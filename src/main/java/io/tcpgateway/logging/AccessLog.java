package io.tcpgateway.logging;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * One INFO line per closed connection on logger {@code io.tcpgateway.access}, as
 * HAProxy's {@code option tcplog} gives: who, for how long, how much, and why it ended.
 *
 * <p>
 * Each value is also a key-value pair of the event (SLF4J's fluent API), so structured
 * logging ({@code logging.structured.format.console=ecs}) prints them as JSON fields of
 * their own, under ECS names where ECS has one.
 *
 * <p>
 * The lines are written by a thread of their own: a connection closes on an I/O thread,
 * which must not wait for a log appender. Entries wait in a bounded queue; when the
 * appender cannot keep up, the entries past it are dropped and counted, as a syslog over
 * UDP would lose them, rather than held without bound or slowing the gateway down. The
 * thread starts with the context's lifecycle, among the first, and stops among the last,
 * so the lines of the connections closed by the drain are written out too.
 */
public final class AccessLog implements SmartLifecycle, AutoCloseable {

	/** The logger's name, for {@code logging.level}. */
	public static final String LOGGER_NAME = "io.tcpgateway.access";

	/** Entries waiting to be written, about 200 bytes each. */
	static final int QUEUE_CAPACITY = 8192;

	/** How long a stop waits for the entries still queued to be written. */
	private static final long DRAIN_MILLIS = 2000;

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private final boolean enabled;

	private final BlockingQueue<AccessLogEntry> queue;

	/** Makes the writer thread, on each start. */
	private final ThreadFactory threads;

	/** The running writer, or {@code null} while stopped. */
	private Thread writer;

	private final AtomicLong dropped = new AtomicLong();

	private volatile boolean stopping;

	private final RateLimitedLog dropWarnings = new RateLimitedLog(LogFactory.getLog(AccessLog.class));

	/**
	 * @param enabled whether lines are logged at all: without, no thread is started
	 * @param threads makes the writer thread when the log starts
	 */
	public AccessLog(boolean enabled, ThreadFactory threads) {
		this.enabled = enabled;
		this.queue = enabled ? new ArrayBlockingQueue<>(QUEUE_CAPACITY) : null;
		this.threads = threads;
	}

	/**
	 * @return whether {@link #closed} logs anything, so callers can skip building the
	 * entry
	 */
	public boolean isEnabled() {
		return this.enabled && logger.isInfoEnabled();
	}

	/**
	 * Queue the line of a closed connection; dropped and counted when the queue is full.
	 */
	public void closed(AccessLogEntry entry) {
		if (!this.queue.offer(entry)) {
			long total = this.dropped.incrementAndGet();
			this.dropWarnings.warn((count) -> "Dropped " + count + " access log line(s), " + total
					+ " in all: the log appender cannot keep up with the closed connections");
		}
	}

	/**
	 * @return access log lines dropped so far because the appender could not keep up
	 */
	public long droppedCount() {
		return this.dropped.get();
	}

	/** Start writing the queued lines, on a thread of its own, when enabled. */
	@Override
	public synchronized void start() {
		if (this.enabled && this.writer == null) {
			this.stopping = false;
			this.writer = this.threads.newThread(this::writeQueued);
			this.writer.start();
		}
	}

	/** Write what is still queued, for a bounded time, and stop the writer. */
	@Override
	public synchronized void stop() {
		if (this.writer == null) {
			return;
		}
		this.stopping = true;
		try {
			this.writer.join(DRAIN_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.writer.interrupt();
			this.writer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.writer != null;
	}

	/**
	 * First started, last stopped (with the sweeper): lines written while the server
	 * drains still get out.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	/** Stop, if the lifecycle has not. */
	@Override
	public void close() {
		stop();
	}

	private void writeQueued() {
		try {
			while (!this.stopping || !this.queue.isEmpty()) {
				AccessLogEntry entry = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (entry != null) {
					write(entry);
				}
			}
		}
		catch (InterruptedException ex) {
			// stopped before the queue was written out
		}
	}

	static void write(AccessLogEntry entry) {
		if (entry.observation() == null) {
			log(entry);
			return;
		}
		// the connection's trace is current while its line is written (its trace and
		// span ids in the MDC), though its observation has stopped
		try (Observation.Scope scope = entry.observation().openScope()) {
			log(entry);
		}
	}

	private static void log(AccessLogEntry entry) {
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
