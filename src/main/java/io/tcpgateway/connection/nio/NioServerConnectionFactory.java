package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.AdapterStartedListener;
import io.tcpgateway.connection.ServerControls;
import io.tcpgateway.connection.StalledLoop;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * The NIO server factory: Spring Integration's selector loop (thread
 * {@code tcp-gateway-listener}) only accepts; each accepted socket becomes a
 * {@link NioConnection}, joins the factory's books (events, open connection ids,
 * {@link #closeConnection(String)}) as Spring Integration's own would, and is served by
 * one of the {@link EventLoopGroup}'s loops. The factory is stopped quietly and can stop
 * accepting before it stops serving.
 */
public final class NioServerConnectionFactory extends TcpNioServerConnectionFactory
		implements ServerControls, AdapterStartedListener {

	private final EventLoopGroup eventLoops;

	/** See {@link #isStartRequested()}. */
	private volatile boolean startRequested;

	private final NioConnectionSupport connectionSupport;

	/** The accepting selector, once the first connection arrived; set by its thread. */
	private volatile Selector selector;

	/**
	 * @param eventLoops the number of event loops that serve the connections, at least 1
	 */
	public NioServerConnectionFactory(int port, NioSettings settings, int eventLoops) {
		super(port);
		this.eventLoops = new EventLoopGroup(eventLoops);
		this.connectionSupport = new NioConnectionSupport(settings, this.eventLoops);
		setTcpNioConnectionSupport(this.connectionSupport);
	}

	@Override
	public boolean isStartRequested() {
		return this.startRequested;
	}

	@Override
	public void start() {
		this.startRequested = true;
		if (!isActive()) {
			this.eventLoops.start(TimeUnit.MILLISECONDS.toNanos(getReadDelay()));
		}
		super.start();
	}

	/**
	 * Accept what is pending and hand each new connection to its event loop: the stock
	 * accept registers it with the accepting selector, which lets go of it again at its
	 * next select.
	 */
	@Override
	protected void doAccept(Selector selectorForNewSocket, ServerSocketChannel server, long now) {
		this.selector = selectorForNewSocket;
		try {
			super.doAccept(selectorForNewSocket, server, now);
		}
		finally {
			for (NioConnection connection : this.connectionSupport.takeAccepted()) {
				SelectionKey acceptKey = connection.channel().keyFor(selectorForNewSocket);
				if (acceptKey != null) {
					acceptKey.cancel();
				}
				if (connection.channel().isOpen()) {
					connection.start();
				}
			}
		}
	}

	@Override
	protected void harvestClosedConnections() {
		// called by the stock factory on its I/O path; the sweeper calls
		// harvestClosedConnectionsNow instead
	}

	@Override
	public void harvestClosedConnectionsNow() {
		super.harvestClosedConnections();
	}

	@Override
	public List<StalledLoop> stalledLoops(Duration timeout) {
		return this.eventLoops.stalled(timeout);
	}

	@Override
	public int heldConnectionCount() {
		return this.connections.size();
	}

	@Override
	public void stopAccepting() {
		ServerSocketChannel serverChannel = getServerChannel();
		if (serverChannel == null) {
			return;
		}
		try {
			serverChannel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the listening socket failed: " + ex);
		}
		Selector selectorToWake = this.selector;
		if (selectorToWake != null) {
			// a registered channel is only really closed once its selector has run again
			selectorToWake.wakeup();
		}
	}

	@Override
	public void stop() {
		// Mark the factory inactive before its selector is closed, so the select loop
		// takes the
		// ClosedSelectorException for the normal stop it is (the stock stop logs it at
		// ERROR).
		setActive(false);
		super.stop();
		this.eventLoops.stop();
	}

}
