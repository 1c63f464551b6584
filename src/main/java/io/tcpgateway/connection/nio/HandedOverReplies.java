package io.tcpgateway.connection.nio;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replies framed by other threads (the handler pool, a push, the sweeper's heartbeat) for
 * one NIO connection, waiting for its loop to queue them, in the order they were handed
 * over: as in Netty, where a write from outside the channel's event loop becomes a task
 * of that loop, the loop alone touches the connection's write state. One task to take
 * them is queued on the loop at a time, however many are handed over meanwhile.
 */
final class HandedOverReplies {

	/** Framed replies; offered by any thread, polled by the loop. */
	private final Queue<ByteBuffer> frames = new ConcurrentLinkedQueue<>();

	/** Set while the task that takes them is queued on the loop. */
	private final AtomicBoolean taskQueued = new AtomicBoolean();

	private final EventLoop loop;

	private final Runnable task;

	/**
	 * @param task what the loop does to take them: {@link #taking()} first, then
	 * {@link #poll()} until none is left
	 */
	HandedOverReplies(EventLoop loop, Runnable task) {
		this.loop = loop;
		this.task = task;
	}

	/** Hand a framed reply to the loop; any thread. */
	void add(ByteBuffer frame) {
		this.frames.add(frame);
		// read first: while the task is queued, a burst of replies costs no failed CAS
		if (!this.taskQueued.get() && this.taskQueued.compareAndSet(false, true)) {
			this.loop.execute(this.task);
		}
	}

	/**
	 * The task starts to take the replies: one handed over from now on queues it again;
	 * loop thread.
	 */
	void taking() {
		this.taskQueued.set(false);
	}

	/**
	 * @return the reply handed over first, or {@code null} when none waits; loop thread
	 */
	ByteBuffer poll() {
		return this.frames.poll();
	}

	/**
	 * @return whether no reply waits for the loop: a reply the loop makes itself is
	 * queued only after those, in the order they were made; loop thread
	 */
	boolean isEmpty() {
		return this.frames.isEmpty();
	}

}
