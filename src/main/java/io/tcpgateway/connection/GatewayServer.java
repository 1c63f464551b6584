package io.tcpgateway.connection;

import io.tcpgateway.tls.TlsSettings;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The gateway's TCP listener: Spring Integration's server connection factory, which the
 * channel adapters and events use, together with the gateway's own controls over it.
 */
public final class GatewayServer {

	private final AbstractServerConnectionFactory factory;

	private final ServerControls controls;

	private final AdapterStartedListener listener;

	private final TlsSettings tls;

	/**
	 * @param tls the listener's TLS settings, or {@code null} for plain TCP
	 */
	public <F extends AbstractServerConnectionFactory & ServerControls & AdapterStartedListener> GatewayServer(
			F factory, TlsSettings tls) {
		this.factory = factory;
		this.controls = factory;
		this.listener = factory;
		this.tls = tls;
	}

	/**
	 * @return the connection factory, for Spring Integration's channel adapters
	 */
	public AbstractServerConnectionFactory connectionFactory() {
		return this.factory;
	}

	public boolean isListening() {
		return this.factory.isListening();
	}

	/**
	 * @return whether the inbound adapter (or anything else) has asked the listener to
	 * start, even if its bind then failed
	 */
	public boolean isStartRequested() {
		return this.listener.isStartRequested();
	}

	/**
	 * @return the port listened on, the real one when configured with 0
	 */
	public int port() {
		return this.factory.getPort();
	}

	public ServerControls controls() {
		return this.controls;
	}

	/**
	 * @return the listener's TLS settings, or {@code null} for plain TCP
	 */
	public TlsSettings tls() {
		return this.tls;
	}

	/**
	 * Free what the listener's TLS holds outside the heap; called once its connection
	 * factory has stopped, as the context closes.
	 */
	public void close() {
		if (this.tls != null) {
			this.tls.close();
		}
	}

}
