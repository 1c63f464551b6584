package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * This gateway's three connections to Redis: one for commands (the reads of the directory
 * and every publish, so that what this gateway publishes keeps its order), one for the
 * directory's writes, one subscribed to its own channel. The directory's connection does
 * not flush each command: the cluster thread queues a whole batch on it and flushes it in
 * one write, so it is that thread's alone (and the graceful stop's, once the thread has
 * ended); any other caller's command would wait for a flush that never comes. Only the
 * cluster thread connects; once connected, Lettuce reconnects by itself (and subscribes
 * again), and rejects commands at once while it is disconnected.
 */
final class RedisLink {

	private final Supplier<RedisClient> client;

	private final Duration timeout;

	private final ClusterMetrics metrics;

	/** Set by the cluster thread once connected; read by any thread. */
	private volatile StatefulRedisConnection<String, String> commands;

	/**
	 * Set by the cluster thread once connected, without auto-flush; used by the cluster
	 * thread only, then by the graceful stop.
	 */
	private volatile StatefulRedisConnection<String, String> directory;

	/** Set by the cluster thread once subscribed. */
	private volatile StatefulRedisPubSubConnection<String, String> subscription;

	/** Why Redis was last found unreachable, for health. */
	private volatile String lastFailure = "not connected yet";

	RedisLink(Supplier<RedisClient> client, Duration timeout, ClusterMetrics metrics) {
		this.client = client;
		this.timeout = timeout;
		this.metrics = metrics;
	}

	/**
	 * Connect and subscribe to the channel, if not done yet; called by the cluster
	 * thread.
	 * @param listener takes each message of the channel, on Lettuce's thread
	 * @return whether all three connections are established
	 */
	boolean connect(String channel, Consumer<String> listener) {
		try {
			if (this.commands == null) {
				StatefulRedisConnection<String, String> connection = this.client.get().connect(StringCodec.UTF8);
				connection.setTimeout(this.timeout);
				this.commands = connection;
			}
			if (this.directory == null) {
				StatefulRedisConnection<String, String> connection = this.client.get().connect(StringCodec.UTF8);
				connection.setTimeout(this.timeout);
				connection.setAutoFlushCommands(false);
				this.directory = connection;
			}
			if (this.subscription == null) {
				StatefulRedisPubSubConnection<String, String> connection = this.client.get()
					.connectPubSub(StringCodec.UTF8);
				try {
					connection.setTimeout(this.timeout);
					connection.addListener(new RedisPubSubAdapter<>() {
						@Override
						public void message(String from, String message) {
							listener.accept(message);
						}
					});
					connection.sync().subscribe(channel);
				}
				catch (RuntimeException ex) {
					connection.closeAsync();
					throw ex;
				}
				this.subscription = connection;
			}
			return true;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return false;
		}
	}

	/**
	 * @return whether all three connections are open now
	 */
	boolean isUp() {
		StatefulRedisConnection<String, String> commands = this.commands;
		StatefulRedisConnection<String, String> directory = this.directory;
		StatefulRedisPubSubConnection<String, String> subscription = this.subscription;
		return commands != null && commands.isOpen() && directory != null && directory.isOpen() && subscription != null
				&& subscription.isOpen();
	}

	String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * @return the command connection's asynchronous API: commands are pipelined until
	 * awaited
	 * @throws ClusterUnavailableException when it is not connected
	 */
	RedisAsyncCommands<String, String> async() {
		StatefulRedisConnection<String, String> connection = this.commands;
		if (connection == null || !connection.isOpen()) {
			this.metrics.redisError();
			throw new ClusterUnavailableException(this.lastFailure, null);
		}
		return connection.async();
	}

	/**
	 * @return the directory connection's asynchronous API: its commands are queued until
	 * {@link #flushAndAwaitAll}; for the cluster thread only
	 * @throws ClusterUnavailableException when it is not connected
	 */
	RedisAsyncCommands<String, String> directory() {
		StatefulRedisConnection<String, String> connection = this.directory;
		if (connection == null || !connection.isOpen()) {
			this.metrics.redisError();
			throw new ClusterUnavailableException(this.lastFailure, null);
		}
		return connection.async();
	}

	/**
	 * Write what is queued on the directory connection in one go, then wait for every
	 * command as {@link #awaitAll} does.
	 * @throws ClusterUnavailableException when one failed or did not answer in time
	 */
	void flushAndAwaitAll(List<? extends RedisFuture<?>> futures) {
		StatefulRedisConnection<String, String> connection = this.directory;
		if (connection != null) {
			connection.flushCommands();
		}
		awaitAll(futures);
	}

	/**
	 * @return the command's result, waiting at most the timeout
	 * @throws ClusterUnavailableException when it failed or did not answer in time
	 */
	<T> T await(RedisFuture<T> future) {
		return await(future, System.nanoTime() + this.timeout.toNanos());
	}

	/**
	 * Wait for every command, all within the timeout and a millisecond for each hundred
	 * commands.
	 * @throws ClusterUnavailableException when one failed or did not answer in time
	 */
	void awaitAll(List<? extends RedisFuture<?>> futures) {
		long deadline = System.nanoTime() + this.timeout.toNanos()
				+ TimeUnit.MILLISECONDS.toNanos(futures.size() / 100);
		for (RedisFuture<?> future : futures) {
			await(future, deadline);
		}
	}

	private <T> T await(RedisFuture<T> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw failed(ex.getCause());
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw failed(new TimeoutException("no answer within " + this.timeout.toMillis() + " ms"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failed(ex);
		}
	}

	private ClusterUnavailableException failed(Throwable cause) {
		this.metrics.redisError();
		this.lastFailure = String.valueOf(cause.getMessage());
		return new ClusterUnavailableException(this.lastFailure, cause);
	}

	/** Close all three connections. */
	void close() {
		StatefulRedisConnection<String, String> directory = this.directory;
		if (directory != null) {
			directory.closeAsync();
		}
		StatefulRedisPubSubConnection<String, String> subscription = this.subscription;
		if (subscription != null) {
			subscription.closeAsync();
		}
		StatefulRedisConnection<String, String> commands = this.commands;
		if (commands != null) {
			commands.closeAsync();
		}
	}

}
