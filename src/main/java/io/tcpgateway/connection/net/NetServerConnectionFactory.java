package io.tcpgateway.connection.net;

import java.io.IOException;
import java.net.ServerSocket;

import javax.net.ssl.SSLServerSocket;

import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.ServerControls;
import io.tcpgateway.tls.TlsSettings;

import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The blocking server factory: gives each accepted socket a {@link NetConnection} (which
 * frames its own replies), can stop accepting before it stops serving, and does not walk
 * all its connections on every accept.
 */
public final class NetServerConnectionFactory extends TcpNetServerConnectionFactory implements ServerControls {

	public NetServerConnectionFactory(int port, ConnectionSettings settings) {
		super(port);
		setTcpNetConnectionSupport(new NetConnectionSupport(settings));
		TlsSettings tls = settings.tls();
		if (tls != null) {
			// TLS starts with the socket: the server socket is an SSLServerSocket with
			// the bundle's settings
			setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(tls::context));
			setTcpSocketSupport(new DefaultTcpSocketSupport(false) {

				@Override
				public void postProcessServerSocket(ServerSocket serverSocket) {
					super.postProcessServerSocket(serverSocket);
					tls.configure((SSLServerSocket) serverSocket);
				}

			});
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
