package io.tcpgateway.forward.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of up to {@code maxThreads} threads that starts a thread only when none is idle,
 * and ends a thread after a minute idle; tasks past the threads wait in a bounded queue.
 *
 * <p>
 * A plain {@link ThreadPoolExecutor} whose core size is its maximum starts a new thread
 * for every task until it has them all, idle ones or not: two clients of the HTTP bridge
 * took it to 256 call threads and 256 body writers. This pool counts its tasks (queued or
 * running) and hands a task to the queue, where an idle thread takes it, while there are
 * as many threads as tasks; the way Tomcat's connector pool does it.
 */
final class ReusingThreadPool extends ThreadPoolExecutor {

	private static final long IDLE_SECONDS = 60;

	/** Tasks handed to this pool and not yet run to their end. */
	private final AtomicInteger tasks = new AtomicInteger();

	/**
	 * @param maxThreads the most threads
	 * @param queueCapacity the most tasks that may wait for a thread
	 */
	ReusingThreadPool(int maxThreads, int queueCapacity, ThreadFactory threadFactory) {
		super(0, maxThreads, IDLE_SECONDS, TimeUnit.SECONDS, new TaskQueue(queueCapacity), threadFactory);
		((TaskQueue) getQueue()).pool = this;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.incrementAndGet();
		try {
			super.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// a thread could not be started (all are, since the count was read): the
			// queue
			// takes the task after all, if it has room
			if (isShutdown() || !((TaskQueue) getQueue()).queue(task)) {
				this.tasks.decrementAndGet();
				throw ex;
			}
		}
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		this.tasks.decrementAndGet();
	}

	/**
	 * Refuses a task, so that the pool starts a thread for it, while every thread has a
	 * task and more may be started.
	 */
	private static final class TaskQueue extends LinkedBlockingQueue<Runnable> {

		private static final long serialVersionUID = 1L;

		private transient volatile ReusingThreadPool pool;

		TaskQueue(int capacity) {
			super(capacity);
		}

		@Override
		public boolean offer(Runnable task) {
			ReusingThreadPool pool = this.pool;
			int threads = pool.getPoolSize();
			if (threads < pool.getMaximumPoolSize() && pool.tasks.get() > threads) {
				return false;
			}
			return super.offer(task);
		}

		boolean queue(Runnable task) {
			return super.offer(task);
		}

	}

}
