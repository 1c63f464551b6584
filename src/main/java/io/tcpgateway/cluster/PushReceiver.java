package io.tcpgateway.cluster;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Carries out the commands other gateways publish on this gateway's channel, on one
 * thread of its own, in the order they arrive: pushes from one gateway to one connection
 * keep their order. A command that is not valid is dropped and counted.
 */
final class PushReceiver {

	private static final Log logger = LogFactory.getLog(PushReceiver.class);

	/** Commands that may wait for the delivery thread; past it they are dropped. */
	static final int QUEUE_CAPACITY = 10_000;

	private final ConnectionRegistry registry;

	private final ClusterMetrics metrics;

	private final int maxPushBytes;

	private final RateLimitedLog malformed = new RateLimitedLog(logger);

	private final RateLimitedLog overflow = new RateLimitedLog(logger);

	/** One thread, so that commands are carried out in the order they arrived. */
	private final ThreadPoolExecutor delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(QUEUE_CAPACITY), new CustomizableThreadFactory("tcp-gateway-cluster-push-"));

	PushReceiver(ConnectionRegistry registry, ClusterMetrics metrics, int maxPushBytes) {
		this.registry = registry;
		this.metrics = metrics;
		this.maxPushBytes = maxPushBytes;
	}

	/** Take a message of this gateway's channel; called on Lettuce's thread. */
	void received(String message) {
		try {
			this.delivery.execute(() -> carryOut(message));
		}
		catch (RejectedExecutionException ex) {
			this.metrics.pushFailed();
			this.overflow.warn((count) -> "Dropped " + count + " cluster command(s): " + QUEUE_CAPACITY
					+ " were already waiting to be delivered");
		}
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
		TcpConnectionContext context = (connection != null) ? connection.context() : null;
		if (context != null && context.send(payload)) {
			this.metrics.pushDelivered();
		}
		else {
			this.metrics.pushFailed();
		}
	}

	private static void close(Connection connection) {
		if (connection != null) {
			connection.closeAfterFlush(CloseReason.ADMIN);
		}
	}

	void stop() {
		this.delivery.shutdown();
	}

}
