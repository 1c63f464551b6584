package io.tcpgateway.connection.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.proxy.ProxyHeader;
import io.tcpgateway.proxy.ProxyPreamble;
import io.tcpgateway.proxy.ProxyProtocolException;

/**
 * What a blocking connection reads before its first frame, each bounded by its timeout:
 * the PROXY protocol header, then the TLS handshake. A failure closes the connection for
 * its reason.
 */
final class NetPreamble {

	private final NetConnection connection;

	private final Socket socket;

	private final ConnectionSession session;

	NetPreamble(NetConnection connection, Socket socket, ConnectionSession session) {
		this.connection = connection;
		this.socket = socket;
		this.session = session;
	}

	/**
	 * Read the PROXY protocol header, byte by byte so as not to read past it, bounded by
	 * its timeout.
	 * @return whether the connection may be served
	 */
	boolean readProxyHeader() {
		Duration timeout = this.session.settings().proxy().headerTimeout();
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			ProxyHeader decoded = ProxyPreamble.readFrom(this.socket.getInputStream(),
					this.session.pendingProxyHeader());
			this.socket.setSoTimeout(0);
			CloseReason refused = this.session.proxyHeaderRead(decoded);
			if (refused != null) {
				this.connection.close(refused, CloseMode.NOW);
				return false;
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			this.connection.close(this.session.errors()
				.proxyRejected(this.connection, "no PROXY protocol header within " + timeout.toMillis()
						+ " ms (tcp-gateway.proxy-protocol.header-timeout)"),
					CloseMode.NOW);
		}
		catch (ProxyProtocolException ex) {
			this.connection.close(this.session.errors().proxyRejected(this.connection, ex.getMessage()), CloseMode.NOW);
		}
		catch (IOException ex) {
			this.connection.close(CloseReason.CLIENT, CloseMode.NOW);
		}
		return false;
	}

	/**
	 * Complete the TLS handshake up front, bounded by the handshake timeout.
	 * @return whether the connection may be served
	 */
	boolean handshake(SSLSocket sslSocket) {
		try {
			sslSocket.setSoTimeout((int) this.session.settings().tls().handshakeTimeout().toMillis());
			sslSocket.startHandshake();
			sslSocket.setSoTimeout(0);
			return true;
		}
		catch (IOException ex) {
			this.connection.close(this.session.errors().tlsFailed(this.connection, ex), CloseMode.NOW);
			return false;
		}
	}

}
