package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

import io.tcpgateway.connection.ServerControls;

import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * The NIO server factory: gives each accepted socket a {@link NioConnection}, is stopped
 * quietly, can stop accepting before it stops serving, and its selector loop costs the
 * same per wakeup however many connections are open.
 */
public final class NioServerConnectionFactory extends TcpNioServerConnectionFactory implements ServerControls {

	private final WritabilityWatcher writabilityWatcher = new WritabilityWatcher("tcp-gateway-writer");

	private volatile Selector selector;

	public NioServerConnectionFactory(int port, NioSettings settings) {
		super(port);
		setTcpNioConnectionSupport(new NioConnectionSupport(settings, this.writabilityWatcher));
	}

	@Override
	public void start() {
		if (!isActive()) {
			this.writabilityWatcher.start();
		}
		super.start();
	}

	@Override
	protected void doAccept(Selector selectorForNewSocket, ServerSocketChannel server, long now) {
		this.selector = selectorForNewSocket;
		super.doAccept(selectorForNewSocket, server, now);
	}

	@Override
	protected void processNioSelections(int selectionCount, Selector selector, ServerSocketChannel server,
			Map<SocketChannel, TcpNioConnection> connectionMap) {
		// The stock loop takes a select that returns no key for "a channel was probably
		// closed" and walks
		// every channel; but such a select follows every read (the read task wakes the
		// selector to restore
		// interest in reading), so each wakeup would cost O(connections). Closed channels
		// are still dropped
		// from the map on the factory's own harvest interval, which the stock loop checks
		// on every pass.
		super.processNioSelections(Math.max(selectionCount, 1), selector, server, connectionMap);
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
		try {
			this.writabilityWatcher.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the pending-write selector failed: " + ex);
		}
	}

}
