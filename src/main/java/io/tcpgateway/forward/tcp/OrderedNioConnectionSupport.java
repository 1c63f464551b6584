package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.tcpgateway.flow.SerialExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;
import org.springframework.integration.util.CompositeExecutor;

/**
 * Gives the upstream client factory connections that assemble their frames one at a time,
 * in the order they arrived.
 *
 * <p>
 * The stock {@link TcpNioConnection} starts a second assembler for the same connection
 * when more data is waiting, before handing its own frame on, so two frames of one
 * connection can reach the listener out of order, and one busy connection can occupy
 * several threads. For a bridge that pushes frames on in order, and correlates replies
 * with requests by their order, both are wrong: here each connection's assemblers run
 * through a {@link SerialExecutor} on the shared, bounded assembler pool, so the second
 * waits for the first without holding a thread.
 */
final class OrderedNioConnectionSupport implements TcpNioConnectionSupport {

	private final Executor assemblers;

	OrderedNioConnectionSupport(Executor assemblers) {
		this.assemblers = assemblers;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new OrderedNioConnection(socketChannel, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.assemblers);
	}

	/**
	 * An upstream connection whose frames are assembled one at a time.
	 */
	static final class OrderedNioConnection extends TcpNioConnection {

		private final SerialExecutor assembly;

		OrderedNioConnection(SocketChannel socketChannel, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				Executor assemblers) {
			super(socketChannel, false, lookupHost, applicationEventPublisher, connectionFactoryName);
			this.assembly = new SerialExecutor(assemblers);
		}

		@Override
		public void setTaskExecutor(Executor taskExecutor) {
			// reads on the factory's executor, assembly in order on the shared pool
			super.setTaskExecutor(new CompositeExecutor(taskExecutor, this.assembly));
		}

		/**
		 * Run a task once the frames already read from this connection have been handed
		 * on: a close is noticed before the frames read just before it are assembled, and
		 * what the peer sent before closing must not be lost.
		 */
		void afterAssembly(Runnable task) {
			afterAssembly(task, -1);
		}

		/**
		 * An assembler hands its frame on after queueing the next assembler, so the next
		 * may be queued behind this task: while bytes wait in the pipe and the last look
		 * saw them shrink (or this is the first look), go to the back of the queue again.
		 */
		private int waitingBytes() {
			try {
				return inputStream().available();
			}
			catch (IOException ex) {
				return 0;
			}
		}

		private void afterAssembly(Runnable task, int lastSeen) {
			try {
				this.assembly.execute(() -> {
					int waiting = waitingBytes();
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

	}

}
