package io.tcpgateway.connection.nio;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * Replies framed by other threads (the handler pool, a push, the sweeper's heartbeat) for
 * one NIO connection, waiting for its loop to queue them, in the order they were handed
 * over: as in Netty, where a write from outside the channel's event loop becomes a task
 * of that loop, the loop alone touches the connection's write state. One task to take
 * them is queued on the loop at a time, however many are handed over meanwhile.
 */
final class HandedOverReplies {

	// set through updaters, the queue made on the first reply handed over: every
	// connection has these, and most never hand a reply over
	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<HandedOverReplies, Queue> FRAMES = AtomicReferenceFieldUpdater
		.newUpdater(HandedOverReplies.class, Queue.class, "frames");

	private static final AtomicIntegerFieldUpdater<HandedOverReplies> TASK_QUEUED = AtomicIntegerFieldUpdater
		.newUpdater(HandedOverReplies.class, "taskQueued");

	/**
	 * Framed replies; offered by any thread, polled by the loop; {@code null} until the
	 * first.
	 */
	private volatile Queue<ByteBuffer> frames;

	/** 1 while the task that takes them is queued on the loop. */
	private volatile int taskQueued;

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
		Queue<ByteBuffer> queue = this.frames;
		if (queue == null) {
			FRAMES.compareAndSet(this, null, new ConcurrentLinkedQueue<ByteBuffer>());
			queue = this.frames;
		}
		queue.add(frame);
		// read first: while the task is queued, a burst of replies costs no failed CAS
		if (this.taskQueued == 0 && TASK_QUEUED.compareAndSet(this, 0, 1)) {
			this.loop.execute(this.task);
		}
	}

	/**
	 * The task starts to take the replies: one handed over from now on queues it again;
	 * loop thread.
	 */
	void taking() {
		this.taskQueued = 0;
	}

	/**
	 * @return the reply handed over first, or {@code null} when none waits; loop thread
	 */
	ByteBuffer poll() {
		Queue<ByteBuffer> queue = this.frames;
		return (queue != null) ? queue.poll() : null;
	}

	/**
	 * @return whether no reply waits for the loop: a reply the loop makes itself is
	 * queued only after those, in the order they were made; loop thread
	 */
	boolean isEmpty() {
		Queue<ByteBuffer> queue = this.frames;
		return queue == null || queue.isEmpty();
	}

}
