package io.tcpgateway.forward.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;

import io.tcpgateway.flow.SerialExecutor;

/**
 * One upstream connection's assemblers, run one at a time in the order they were started
 * on the shared, bounded assembler pool, so that the second waits for the first without
 * holding a thread; and tasks run once the frames already read have been handed on.
 */
final class OrderedAssembly {

	private final SerialExecutor assembly;

	/** Decoded bytes read from the connection and not yet assembled. */
	private final IntSupplier waitingBytes;

	OrderedAssembly(Executor assemblers, IntSupplier waitingBytes) {
		this.assembly = new SerialExecutor(assemblers);
		this.waitingBytes = waitingBytes;
	}

	/**
	 * @return where the connection's assemblers run, in order
	 */
	Executor executor() {
		return this.assembly;
	}

	/**
	 * Run a task once the frames already read from the connection have been handed on: a
	 * close is noticed before the frames read just before it are assembled, and what the
	 * peer sent before closing must not be lost.
	 */
	void afterAssembly(Runnable task) {
		afterAssembly(task, -1);
	}

	/**
	 * An assembler hands its frame on after queueing the next assembler, so the next may
	 * be queued behind this task: while bytes wait in the pipe and the last look saw them
	 * shrink (or this is the first look), go to the back of the queue again.
	 */
	private void afterAssembly(Runnable task, int lastSeen) {
		try {
			this.assembly.execute(() -> {
				int waiting = this.waitingBytes.getAsInt();
				if (waiting > 0 && waiting != lastSeen) {
					afterAssembly(task, waiting);
				}
				else {
					task.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the pool has stopped: nothing more will be assembled
			task.run();
		}
	}

	/**
	 * An upstream connection whose frames are assembled in order.
	 */
	interface InOrder {

		/**
		 * Run a task once the frames already read from this connection have been handed
		 * on.
		 */
		void afterAssembly(Runnable task);

	}

}
