package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.connection.StalledLoop;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One thread with one selector that reads, writes and finishes writes for the connections
 * assigned to it, as Netty's {@code NioEventLoop} does: {@code OP_READ} and
 * {@code OP_WRITE} on the same selector, interest changed only when a connection pauses,
 * resumes or fills its socket, never per read.
 *
 * <p>
 * Other threads (the accepting thread, the handler pool, the sweeper) hand work to the
 * loop with {@link #execute}; the selector is woken only when the loop may be blocked in
 * {@code select}. The loop alone touches a connection's write state: a reply made on
 * another thread waits in its connection's queue of replies handed over, and the loop is
 * given one task to take them, not one per reply. The task queue is bounded by the
 * connections themselves: each one has at most one registration, one task taking its
 * handed-over replies and one close task queued at a time (each guarded by a flag of its
 * own), so it never holds more than three tasks per connection of this loop.
 */
final class EventLoop {

	private static final Log logger = LogFactory.getLog(EventLoop.class);

	/** Failures of a whole pass of the loop, which may recur on every pass. */
	private final RateLimitedLog passFailures = new RateLimitedLog(logger);

	/** Failures of one connection's work or of a task, which a client may repeat. */
	private final RateLimitedLog connectionFailures = new RateLimitedLog(logger);

	private final String threadName;

	/** Work handed over by other threads; written by any thread, run by the loop. */
	private final LoopTasks tasks = new LoopTasks();

	private final Consumer<Throwable> taskFailed = this::taskFailed;

	/**
	 * What {@code select} does with each ready key, as it finds it: no selected-key set
	 * to fill and empty again on every pass (Netty replaces that set with an array for
	 * the same reason).
	 */
	private final Consumer<SelectionKey> readyKey = this::ready;

	/** Connections whose reads are paused, oldest first; loop thread only. */
	private final PausedReads paused;

	/** The write buffers the loop's connections share; loop thread only. */
	private final LoopBuffers buffers = new LoopBuffers();

	/** Set by {@link #start()}, before the thread starts; closed by the loop's thread. */
	private volatile Selector selector;

	/** The loop's thread; set before it starts. */
	private volatile Thread thread;

	private volatile boolean running;

	/**
	 * When the pass the loop is in began, 0 while it waits in {@code select}: written by
	 * the loop, read by the sweeper to tell a loop that is stuck from one that is idle.
	 */
	private volatile long passStartedNanos;

	EventLoop(String threadName, long readDelayNanos) {
		this.threadName = threadName;
		this.paused = new PausedReads(readDelayNanos);
	}

	void start() {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open a selector for " + this.threadName, ex);
		}
		this.running = true;
		Thread loopThread = GatewayThreadFactory.named(this.threadName, true, this::run);
		this.thread = loopThread;
		loopThread.start();
	}

	/** Stop the loop; its selector is closed by its own thread. */
	void stop() {
		this.running = false;
		Selector current = this.selector;
		if (current != null) {
			current.wakeup();
		}
	}

	/**
	 * @return whether the calling thread is this loop's
	 */
	boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * @return whether the loop runs the tasks handed to it; any thread
	 */
	boolean isRunning() {
		return this.running;
	}

	/**
	 * Run the task on the loop's thread: at once when called there, else soon, waking the
	 * selector only if the loop may be blocked.
	 */
	void execute(Runnable task) {
		if (inLoop()) {
			task.run();
			return;
		}
		this.tasks.add(task, this.selector);
	}

	/**
	 * @return the write buffers the loop's connections share; loop thread only
	 */
	LoopBuffers buffers() {
		return this.buffers;
	}

	/** Register a new connection's channel for reading; on the loop's thread. */
	void register(NioConnection connection) {
		try {
			connection.registered(connection.channel().register(this.selector, SelectionKey.OP_READ, connection));
		}
		catch (ClosedChannelException | ClosedSelectorException | CancelledKeyException ex) {
			// closed meanwhile, or the loop stopped: a reason given already is the one
			// counted
			connection.close(null, CloseMode.NOW);
		}
	}

	/** Try the connection's read again after the read delay; loop thread. */
	void pause(NioConnection connection) {
		this.paused.add(connection);
	}

	private void run() {
		Selector ownSelector = this.selector;
		try {
			while (this.running) {
				try {
					select(ownSelector);
					this.tasks.runPass(this.taskFailed);
					resumePaused();
				}
				catch (ClosedSelectorException ex) {
					throw ex;
				}
				catch (Throwable ex) {
					FatalErrors.rethrowIfFatal(ex);
					// the last resort, for what the catches of one connection's work
					// could not handle themselves (an error while closing it, say): the
					// loop goes on, as its other connections need it to
					this.passFailures.warn((count) -> "Event loop " + this.threadName + " failed " + count
							+ " time(s) outside any one connection's work; it goes on: " + ex);
				}
			}
		}
		catch (ClosedSelectorException ex) {
			// stopped
		}
		finally {
			// closes handed over before the stop still happen
			this.tasks.runLeft(this.taskFailed);
			try {
				ownSelector.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the selector of " + this.threadName + " failed: " + ex);
			}
		}
	}

	private void select(Selector ownSelector) {
		try {
			this.tasks.mayBlock();
			if (!this.tasks.isEmpty() || !this.running) {
				this.tasks.awake();
				// a pass begins without waiting: a loop kept busy is not a stuck one
				this.passStartedNanos = System.nanoTime();
				ownSelector.selectNow(this.readyKey);
				return;
			}
			this.passStartedNanos = 0;
			if (this.paused.isEmpty()) {
				ownSelector.select(this.readyKey);
			}
			else {
				ownSelector.select(this.readyKey, this.paused.waitMillis());
			}
			this.tasks.awake();
			passStarted();
		}
		catch (IOException ex) {
			logger.debug("Select on " + this.threadName + " failed: " + ex);
		}
	}

	/** The loop has work: from now on, it should be back in {@code select} soon. */
	private void passStarted() {
		if (this.passStartedNanos == 0) {
			this.passStartedNanos = System.nanoTime();
		}
	}

	/**
	 * @return the loop's state when the pass it is in has taken longer than the timeout,
	 * else {@code null}; any thread
	 */
	StalledLoop stalled(long now, long timeoutNanos) {
		long started = this.passStartedNanos;
		Thread loopThread = this.thread;
		if (started == 0 || now - started <= timeoutNanos || loopThread == null || !this.running) {
			return null;
		}
		StackTraceElement[] stack = loopThread.getStackTrace();
		return new StalledLoop(this.threadName, Duration.ofNanos(now - started),
				List.of(Arrays.copyOf(stack, Math.min(stack.length, StalledLoop.FRAMES))));
	}

	/** Serve one ready key, from within {@code select}. */
	private void ready(SelectionKey key) {
		this.tasks.awake();
		passStarted();
		NioConnection connection = (NioConnection) key.attachment();
		try {
			int ready = key.readyOps();
			if ((ready & SelectionKey.OP_WRITE) != 0) {
				connection.writable();
			}
			if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
				connection.readable();
			}
		}
		catch (CancelledKeyException ex) {
			// closed meanwhile
		}
		catch (Throwable ex) {
			FatalErrors.rethrowIfFatal(ex);
			closeAfterFailure(connection, "serving it", ex);
		}
	}

	/**
	 * Whatever one connection's work throws, an error such as a stack overflow or a
	 * checked exception thrown sneakily included, ends that connection and not the loop:
	 * a loop that stopped would leave every connection on it unserved.
	 */
	private void closeAfterFailure(NioConnection connection, String doing, Throwable failure) {
		this.connectionFailures.error((count) -> "Closing connection " + connection.getConnectionId()
				+ " after a failure " + doing + RateLimitedLog.andLikeIt(count), failure);
		connection.close(null, CloseMode.NOW);
	}

	private void taskFailed(Throwable ex) {
		this.connectionFailures
			.error((count) -> "Task on " + this.threadName + " failed" + RateLimitedLog.andLikeIt(count), ex);
	}

	private void resumePaused() {
		if (this.paused.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		NioConnection connection;
		while ((connection = this.paused.pollDue(now)) != null) {
			try {
				connection.interest().readDelayOver();
			}
			catch (Throwable ex) {
				FatalErrors.rethrowIfFatal(ex);
				closeAfterFailure(connection, "resuming its reads", ex);
			}
		}
	}

}
