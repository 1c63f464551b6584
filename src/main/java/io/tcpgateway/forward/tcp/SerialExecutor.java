package io.tcpgateway.forward.tcp;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one upstream connection's tasks one at a time, in order, on a shared pool, so that
 * its frames reach the bridge in the order they arrived.
 */
final class SerialExecutor implements Executor {

	private final Executor pool;

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	SerialExecutor(Executor pool) {
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
			task.run();
		}
	}

}
