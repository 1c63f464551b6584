package io.tcpgateway.connection.net;

import java.io.IOException;
import java.net.ServerSocket;

import io.tcpgateway.connection.AdapterStartedListener;
import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.ServerControls;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The blocking server factory: gives each accepted socket a {@link NetConnection} (which
 * frames its own replies), can stop accepting before it stops serving, and does not walk
 * all its connections on every accept.
 */
public final class NetServerConnectionFactory extends TcpNetServerConnectionFactory
		implements ServerControls, AdapterStartedListener {

	/** See {@link #isStartRequested()}. */
	private volatile boolean startRequested;

	public NetServerConnectionFactory(int port, ConnectionSettings settings, ConnectionCollaborators collaborators) {
		super(port);
		// TLS is layered over each accepted socket (NetConnectionSupport), never set up
		// on the listening socket: an SSLServerSocket serves the context it was made
		// from for as long as it listens, so a renewed SSL bundle would take a new
		// listening socket, with a moment of refused connections and the backlog lost
		setTcpNetConnectionSupport(new NetConnectionSupport(settings, collaborators));
	}

	@Override
	public boolean isStartRequested() {
		return this.startRequested;
	}

	@Override
	public void start() {
		this.startRequested = true;
		super.start();
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
		ServerSocket serverSocket = getServerSocket();
		if (serverSocket == null) {
			return;
		}
		try {
			serverSocket.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the listening socket failed: " + ex);
		}
	}

}
