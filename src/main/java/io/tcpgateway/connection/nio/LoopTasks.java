package io.tcpgateway.connection.nio;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.tcpgateway.connection.FatalErrors;

/**
 * The work other threads hand to one event loop, and whether its selector must be woken
 * for it: only when the loop may be blocked in {@code select}, so that a burst of tasks
 * costs one wakeup. Added to by any thread, run by the loop's.
 */
final class LoopTasks {

	/** Tasks run between two selects, at most. */
	private static final int MAX_TASKS_PER_PASS = 1024;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/**
	 * Set by the loop before it may block in {@code select}, cleared by the first thread
	 * that wakes it.
	 */
	private final AtomicBoolean wakeupNeeded = new AtomicBoolean();

	/** Hand a task over, waking the selector if the loop may be blocked in it. */
	void add(Runnable task, Selector selector) {
		this.tasks.add(task);
		if (this.wakeupNeeded.compareAndSet(true, false) && selector != null) {
			selector.wakeup();
		}
	}

	/** The loop may block in {@code select} from now on; loop thread. */
	void mayBlock() {
		this.wakeupNeeded.set(true);
	}

	/** The loop is awake: a task handed over now is run after this pass, unwoken. */
	void awake() {
		if (this.wakeupNeeded.get()) {
			this.wakeupNeeded.set(false);
		}
	}

	boolean isEmpty() {
		return this.tasks.isEmpty();
	}

	/**
	 * Run what was handed over before the loop stopped, a few passes' worth at most:
	 * threads that go on handing tasks over cannot keep the stopped loop's thread.
	 */
	void runLeft(Consumer<Throwable> failed) {
		for (int pass = 0; pass < 8 && !this.tasks.isEmpty(); pass++) {
			runPass(failed);
		}
	}

	/**
	 * Run the tasks handed over, at most a pass's worth: tasks handed over meanwhile wait
	 * for the next pass, so reads are never starved (and
	 * {@code ConcurrentLinkedQueue.size()} would walk the queue); loop thread.
	 * @param failed told of what a task throws, but a fatal error
	 */
	void runPass(Consumer<Throwable> failed) {
		for (int i = 0; i < MAX_TASKS_PER_PASS; i++) {
			Runnable task = this.tasks.poll();
			if (task == null) {
				return;
			}
			try {
				task.run();
			}
			catch (CancelledKeyException ex) {
				// closed meanwhile
			}
			catch (Throwable ex) {
				FatalErrors.rethrowIfFatal(ex);
				failed.accept(ex);
			}
		}
	}

}
