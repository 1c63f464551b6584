package io.tcpgateway.connection;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The threads of the connection factory, bounded: its accept (or select) loop gets a
 * thread of its own, every other task goes to a fixed worker pool.
 *
 * <p>
 * Spring Integration's default is an unbounded cached pool. In {@code nio} mode there is
 * nothing but the accept loop (the event loops have threads of their own). In {@code net}
 * mode each connection needs a thread for its lifetime: up to {@code max-connections},
 * plus a margin for connections past the limit, which are closed as soon as their thread
 * starts.
 */
public final class ConnectionTaskExecutor implements Executor, AutoCloseable {

	/**
	 * Threads for connections past the limit in {@code net} mode, which only close their
	 * socket.
	 */
	private static final int REFUSAL_THREADS = 64;

	/** The name prefix of {@code net} mode's connection threads. */
	public static final String NET_THREAD_PREFIX = "tcp-gateway-connection-";

	private static final Log logger = LogFactory.getLog(ConnectionTaskExecutor.class);

	/**
	 * The connection threads of {@code net} mode, or {@code null} in {@code nio} mode.
	 */
	private final ExecutorService workers;

	private ConnectionTaskExecutor(ExecutorService workers) {
		this.workers = workers;
	}

	/**
	 * In {@code nio} mode the factory's own loop only accepts, and the event loops read
	 * and write: nothing else runs here.
	 */
	public static ConnectionTaskExecutor forNio() {
		return new ConnectionTaskExecutor(null);
	}

	static ConnectionTaskExecutor forNet(int maxConnections) {
		return forNet(maxConnections, GatewayThreadFactory.platform(NET_THREAD_PREFIX, false));
	}

	/**
	 * @param threads makes the connections' threads: platform or virtual ones; either way
	 * at most {@code maxConnections} plus the refusal margin run at once
	 */
	public static ConnectionTaskExecutor forNet(int maxConnections, ThreadFactory threads) {
		return new ConnectionTaskExecutor(new ThreadPoolExecutor(0, maxConnections + REFUSAL_THREADS, 60,
				TimeUnit.SECONDS, new SynchronousQueue<>(), threads));
	}

	@Override
	public void execute(Runnable task) {
		if (task instanceof AbstractServerConnectionFactory) {
			// non-daemon, as the thread that starts the factory: the listener keeps the
			// JVM alive
			Thread listener = GatewayThreadFactory.named("tcp-gateway-listener", false, task);
			listener.start();
			return;
		}
		if (this.workers == null) {
			runQuietlyOnStop(task);
			return;
		}
		this.workers.execute(() -> runQuietlyOnStop(task));
	}

	@Override
	public void close() {
		if (this.workers != null) {
			this.workers.shutdownNow();
		}
	}

	private static void runQuietlyOnStop(Runnable task) {
		try {
			task.run();
		}
		catch (ClosedSelectorException | CancelledKeyException ex) {
			// a read finished while the factory was stopping
			logger.debug("Read task ended by shutdown: " + ex);
		}
	}

}
