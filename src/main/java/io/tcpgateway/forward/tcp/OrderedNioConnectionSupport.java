package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

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
	static final class OrderedNioConnection extends TcpNioConnection implements OrderedAssembly.InOrder {

		private final OrderedAssembly assembly;

		OrderedNioConnection(SocketChannel socketChannel, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				Executor assemblers) {
			super(socketChannel, false, lookupHost, applicationEventPublisher, connectionFactoryName);
			this.assembly = new OrderedAssembly(assemblers, this::waitingBytes);
		}

		@Override
		public void setTaskExecutor(Executor taskExecutor) {
			// reads on the factory's executor, assembly in order on the shared pool
			super.setTaskExecutor(new CompositeExecutor(taskExecutor, this.assembly.executor()));
		}

		@Override
		public void afterAssembly(Runnable task) {
			this.assembly.afterAssembly(task);
		}

		private int waitingBytes() {
			try {
				return inputStream().available();
			}
			catch (IOException ex) {
				return 0;
			}
		}

	}

}
