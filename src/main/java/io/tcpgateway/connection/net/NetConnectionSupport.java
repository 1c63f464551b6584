package io.tcpgateway.connection.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.tls.TlsSettings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Gives each accepted socket a {@link NetConnection}, over TLS when it is on.
 */
final class NetConnectionSupport implements TcpNetConnectionSupport {

	private final ConnectionSettings settings;

	private final ConnectionCollaborators collaborators;

	NetConnectionSupport(ConnectionSettings settings, ConnectionCollaborators collaborators) {
		this.settings = settings;
		this.collaborators = collaborators;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			ApplicationEventPublisher applicationEventPublisher, String connectionFactoryName) {
		return new NetConnection(tls(socket), applicationEventPublisher, connectionFactoryName, this.settings,
				this.collaborators);
	}

	/**
	 * Layered here, as each socket is accepted, so each connection takes the SSL bundle's
	 * current context; the handshake waits for the connection's own thread.
	 */
	private Socket tls(Socket accepted) {
		TlsSettings tls = this.settings.tls();
		if (tls == null) {
			return accepted;
		}
		try {
			return tls.layer(accepted);
		}
		catch (IOException ex) {
			// the factory closes the accepted socket and goes on accepting
			throw new UncheckedIOException("Cannot layer TLS over the accepted socket", ex);
		}
	}

}
