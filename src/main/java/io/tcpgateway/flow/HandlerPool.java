package io.tcpgateway.flow;

import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.RequestTracker;

import org.springframework.beans.factory.DisposableBean;

/**
 * The threads that run blocking handlers, with a queue of at most
 * {@code handler.queue-capacity} tasks in front of them. Each connection hands over one
 * task at a time (its {@link SerialExecutor} runs the connection's requests in order), so
 * the queue holds at most one task per connection with work waiting.
 *
 * <p>
 * At the bound nothing is dropped and no thread waits: the connection's task is parked,
 * and its reads are held ({@link RequestTracker#holdReads()}) until a thread finishes a
 * task and there is room again, parked tasks going first, oldest first. A held connection
 * reads nothing, so TCP flow control slows its client down; the requests it had already
 * read stay in its serial executor, at most {@code handler.max-in-flight} of them.
 */
final class HandlerPool implements Executor, DisposableBean {

	private record Parked(Runnable task, RequestTracker reads) {
	}

	private final ThreadPoolExecutor threads;

	/** Tasks that found the queue full, oldest first; guarded by this. */
	private final ArrayDeque<Parked> parked = new ArrayDeque<>();

	/** Whether tasks are parked: read without the lock on each hand-over. */
	private volatile boolean anyParked;

	/**
	 * @param threads threads that run handlers, started when first needed
	 * @param queueCapacity tasks that may wait for a thread
	 */
	HandlerPool(int threads, int queueCapacity, ThreadFactory threadFactory) {
		this.threads = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(queueCapacity), threadFactory);
		this.threads.allowCoreThreadTimeOut(true);
	}

	@Override
	public void execute(Runnable task) {
		execute(task, null);
	}

	/**
	 * Run a connection's task, or park it and hold the connection's reads while the queue
	 * is full.
	 * @param reads the connection's requests, whose reads are held while the task is
	 * parked; {@code null} for none
	 */
	void execute(Runnable task, RequestTracker reads) {
		if (!this.anyParked && offer(task)) {
			return;
		}
		synchronized (this) {
			if (reads != null) {
				reads.holdReads();
			}
			this.parked.add(new Parked(task, reads));
			this.anyParked = true;
			// the tasks that were queued may all have finished before this was parked
			unparkLocked();
		}
	}

	/**
	 * @return tasks waiting for a thread now, never more than the queue's capacity
	 */
	int queued() {
		return this.threads.getQueue().size();
	}

	/**
	 * @return the most tasks that may wait for a thread
	 */
	int queueCapacity() {
		return this.threads.getQueue().size() + this.threads.getQueue().remainingCapacity();
	}

	/**
	 * @return tasks parked because the queue was full
	 */
	synchronized int parked() {
		return this.parked.size();
	}

	private boolean offer(Runnable task) {
		try {
			this.threads.execute(() -> {
				try {
					task.run();
				}
				finally {
					if (this.anyParked) {
						unpark();
					}
				}
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			if (this.threads.isShutdown()) {
				throw ex;
			}
			return false;
		}
	}

	/**
	 * Called by a pool thread as its task ends.
	 */
	private synchronized void unpark() {
		try {
			unparkLocked();
		}
		catch (RejectedExecutionException ex) {
			// the pool is shut down (offer rethrows only then): the parked tasks go with
			// their connections, and a handler thread that is ending has no one to tell
		}
	}

	private void unparkLocked() {
		for (Parked next = this.parked.peekFirst(); next != null; next = this.parked.peekFirst()) {
			if (!offer(next.task())) {
				return;
			}
			this.parked.pollFirst();
			if (next.reads() != null) {
				next.reads().releaseReads();
			}
		}
		this.anyParked = false;
	}

	@Override
	public void destroy() {
		this.threads.shutdownNow();
	}

}
