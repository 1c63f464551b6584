package io.tcpgateway.cluster;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Carries out the commands other gateways publish on this gateway's channel, on one
 * thread of its own, in the order they arrive: pushes from one gateway to one connection
 * keep their order. A command that is not valid is dropped and counted.
 */
final class PushReceiver {

	private static final Log logger = LogFactory.getLog(PushReceiver.class);

	/** Commands that may wait for the delivery thread; past it they are dropped. */
	static final int QUEUE_CAPACITY = 10_000;

	/**
	 * Characters of commands that may wait for the delivery thread, at least: past it
	 * they are dropped. Commands are ASCII (base64 payloads), a byte a character in
	 * memory.
	 */
	static final long MIN_QUEUED_CHARS = 16L * 1024 * 1024;

	private final ConnectionRegistry registry;

	private final ClusterMetrics metrics;

	private final int maxPushBytes;

	private final ClusterObservations observations;

	private final RateLimitedLog malformed = new RateLimitedLog(logger);

	private final RateLimitedLog overflow = new RateLimitedLog(logger);

	private final RateLimitedLog oversize = new RateLimitedLog(logger);

	/** The longest command text a push of at most max-message-size makes. */
	private final long maxCommandChars;

	/** The most characters of commands waiting: at least two of the longest. */
	private final long maxQueuedChars;

	private final AtomicLong queuedChars = new AtomicLong();

	/**
	 * One thread, so that commands are carried out in the order they arrived; made by
	 * {@link #start()}, its thread by the first command.
	 */
	private volatile ThreadPoolExecutor delivery;

	PushReceiver(ConnectionRegistry registry, ClusterMetrics metrics, int maxPushBytes,
			ClusterObservations observations) {
		this.registry = registry;
		this.metrics = metrics;
		this.maxPushBytes = maxPushBytes;
		this.observations = observations;
		this.maxCommandChars = ClusterCommand.maxLength(maxPushBytes);
		this.maxQueuedChars = Math.max(MIN_QUEUED_CHARS, 2 * this.maxCommandChars);
	}

	void start() {
		this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
				GatewayThreadFactory.platform("tcp-gateway-cluster-push-", false));
	}

	/**
	 * Take a message of this gateway's channel; called on Lettuce's thread. One longer
	 * than a push of {@code max-message-size} can be is dropped before it is queued; so
	 * is one that finds {@value #QUEUE_CAPACITY} commands, or their characters' bound,
	 * already waiting.
	 */
	void received(String message) {
		int length = message.length();
		if (length > this.maxCommandChars) {
			this.metrics.malformedCommand();
			this.oversize.warn((count) -> "Dropped " + count + " cluster command(s) longer than a push of at most "
					+ this.maxPushBytes + " bytes (tcp-gateway.max-message-size) can be, the last of " + length
					+ " characters (only gateways should publish on their channels)");
			return;
		}
		if (this.queuedChars.addAndGet(length) > this.maxQueuedChars) {
			this.queuedChars.addAndGet(-length);
			dropped();
			return;
		}
		ThreadPoolExecutor delivery = this.delivery;
		if (delivery == null) {
			this.queuedChars.addAndGet(-length);
			dropped();
			return;
		}
		try {
			delivery.execute(() -> {
				this.queuedChars.addAndGet(-length);
				carryOut(message);
			});
		}
		catch (RejectedExecutionException ex) {
			this.queuedChars.addAndGet(-length);
			dropped();
		}
	}

	private void dropped() {
		this.metrics.pushFailed();
		this.overflow.warn((count) -> "Dropped " + count + " cluster command(s): " + QUEUE_CAPACITY + " commands or "
				+ this.maxQueuedChars + " characters were already waiting to be delivered");
	}

	void carryOut(String message) {
		ClusterCommand command;
		try {
			command = ClusterCommand.parse(message, this.maxPushBytes);
		}
		catch (IllegalArgumentException ex) {
			this.metrics.malformedCommand();
			this.malformed.warn((count) -> "Dropped " + count + " malformed cluster command(s), the last: "
					+ ex.getMessage() + " (only gateways should publish on their channels)");
			return;
		}
		this.observations.delivering(command, () -> deliver(command));
	}

	private void deliver(ClusterCommand command) {
		switch (command.op()) {
			case SEND -> push(this.registry.find(command.target()), command.payload());
			case SEND_KEY -> {
				for (Connection connection : this.registry.findByKey(command.target())) {
					push(connection, command.payload());
				}
			}
			case CLOSE -> close(this.registry.find(command.target()));
			case CLOSE_KEY -> {
				for (Connection connection : this.registry.findByKey(command.target())) {
					close(connection);
				}
			}
			case BROADCAST -> {
				for (Connection connection : this.registry.live()) {
					push(connection, command.payload());
				}
			}
		}
	}

	private void push(Connection connection, byte[] payload) {
		if (this.registry.push(connection, payload)) {
			this.metrics.pushDelivered();
		}
		else {
			this.metrics.pushFailed();
		}
	}

	private static void close(Connection connection) {
		if (connection != null) {
			connection.close(CloseReason.ADMIN, CloseMode.AFTER_FLUSH);
		}
	}

	/**
	 * @return characters of the commands waiting for the delivery thread now
	 */
	long queuedChars() {
		return this.queuedChars.get();
	}

	/**
	 * @return the delivery thread's executor
	 */
	ThreadPoolExecutor delivery() {
		return this.delivery;
	}

	/**
	 * @return commands waiting for the delivery thread now
	 */
	int queued() {
		ThreadPoolExecutor delivery = this.delivery;
		return (delivery != null) ? delivery.getQueue().size() : 0;
	}

	/**
	 * @return the most characters of commands that may wait
	 */
	long maxQueuedChars() {
		return this.maxQueuedChars;
	}

	void stop() {
		ThreadPoolExecutor delivery = this.delivery;
		if (delivery != null) {
			delivery.shutdown();
		}
	}

}
