package io.tcpgateway.flow;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs one connection's tasks one at a time, in order, on a shared pool: a slow task
 * delays only the tasks of its own connection. The queue holds at most the connection's
 * requests in flight.
 */
public final class SerialExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	/** Failed tasks, across connections: one a minute is logged. */
	private static final RateLimitedLog failures = new RateLimitedLog(logger);

	private final Executor pool;

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(2);

	private boolean running;

	public SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		synchronized (this.tasks) {
			this.tasks.add(task);
			if (this.running) {
				return;
			}
			this.running = true;
		}
		try {
			this.pool.execute(this::runQueued);
		}
		catch (RejectedExecutionException ex) {
			// nothing will run the queue: undo, so the next task tries the pool again
			synchronized (this.tasks) {
				this.tasks.remove(task);
				this.running = false;
			}
			throw ex;
		}
	}

	private void runQueued() {
		while (true) {
			Runnable task;
			synchronized (this.tasks) {
				task = this.tasks.poll();
				if (task == null) {
					this.running = false;
					return;
				}
			}
			try {
				task.run();
			}
			catch (Throwable ex) {
				FatalErrors.rethrowIfFatal(ex);
				// an error too: stopping here would leave running set, and the
				// connection's later tasks would never run
				failures.error((count) -> "Connection task failed" + RateLimitedLog.andLikeIt(count), ex);
			}
		}
	}

}
