package io.tcpgateway.server;

import java.io.IOException;
import java.net.ServerSocket;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The blocking server factory, able to stop accepting before it stops serving, and which does not
 * walk all its connections on every accept.
 */
class GatewayNetServerConnectionFactory extends TcpNetServerConnectionFactory
		implements DrainableServer, HarvestableServer {

	GatewayNetServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	protected void harvestClosedConnections() {
		// called by the stock factory on its I/O path; the sweeper calls harvestClosedConnectionsNow instead
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
