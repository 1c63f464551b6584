package io.tcpgateway.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.proxy.ProxyHeader;
import io.tcpgateway.proxy.ProxyProtocolDecoder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * What a connection of either I/O mode keeps for the gateway: its admission under the connection
 * limits, its traffic, why it closed, and the one way client misbehaviour is logged and counted.
 */
final class ConnectionSession {

	private static final Log logger = LogFactory.getLog(ConnectionSession.class);

	private final ConnectionResources resources;

	/** The client: the socket's peer, or the source a trusted proxy reported. */
	private volatile InetSocketAddress client;

	/** The client's address as text, put in every message's headers; formatted once. */
	private volatile String clientHostAddress;

	/** The standard headers of the connection's messages, built on first use for the current client. */
	private volatile Map<String, Object> inboundHeaders;

	/** The client counted against its per-client limit, once known. */
	private volatile InetAddress countedClient;

	private final boolean admitted;

	/** Whether the socket's peer may send a PROXY header (always, when the protocol is off). */
	private final boolean trustedPeer;

	/** Decodes the PROXY protocol header still expected, or {@code null}. */
	private ProxyProtocolDecoder proxyHeader;

	private final long startedNanos = System.nanoTime();

	private final TrafficCounters traffic;

	private final AtomicBoolean released = new AtomicBoolean();

	private volatile CloseReason closeReason;

	ConnectionSession(ConnectionResources resources, InetSocketAddress peer) {
		this.resources = resources;
		setClient(peer);
		this.traffic = new TrafficCounters(resources.connections().metrics());
		GatewayConnections connections = resources.connections();
		boolean admit = connections.admit();
		if (admit && resources.proxy() == null) {
			if (connections.admitClient(peer.getAddress())) {
				this.countedClient = peer.getAddress();
			}
			else {
				connections.unadmit();
				admit = false;
			}
		}
		this.admitted = admit;
		this.trustedPeer = resources.proxy() == null || resources.proxy().isTrusted(peer.getAddress());
		if (resources.proxy() != null) {
			this.proxyHeader = resources.proxy().newDecoder();
		}
	}

	/**
	 * @return whether the peer may send the PROXY protocol header; {@code true} when it is off
	 */
	boolean isTrustedPeer() {
		return this.trustedPeer;
	}

	/**
	 * @return the decoder of the PROXY header still expected, or {@code null} once it has been read (or is off)
	 */
	ProxyProtocolDecoder pendingProxyHeader() {
		return this.proxyHeader;
	}

	/**
	 * The PROXY header has been read: from now on the client is its source.
	 * @return {@code false} when that client is over its connection limit
	 */
	boolean proxyHeaderRead(ProxyHeader header) {
		this.proxyHeader = null;
		if (header.source() != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Connection from " + this.client + " carries client " + header.source() + " (PROXY protocol)");
			}
			setClient(header.source());
		}
		if (!this.resources.connections().admitClient(this.client.getAddress())) {
			return false;
		}
		this.countedClient = this.client.getAddress();
		return true;
	}

	/**
	 * @return {@link System#nanoTime()} when the connection opened, while its PROXY header is awaited; else 0
	 */
	long proxyHeaderPendingSince() {
		return (this.proxyHeader != null) ? this.startedNanos : 0;
	}

	/** The PROXY header is missing, broken, late or from an untrusted peer: one WARN line. */
	CloseReason proxyRejected(String problem) {
		logger.warn("Closing connection from " + this.client.getAddress().getHostAddress() + ":" + this.client.getPort()
				+ ": " + problem);
		return CloseReason.PROXY;
	}

	/** Join the live connections, if admitted; called once the connection is constructed. */
	void register(GatewayConnection connection) {
		if (this.admitted) {
			this.resources.connections().register(connection);
		}
	}

	/** Give the connection's slot back, once, when it closes. */
	void release(GatewayConnection connection) {
		if (this.admitted && this.released.compareAndSet(false, true)) {
			this.resources.connections().release(connection, this.closeReason, this.countedClient);
		}
	}

	boolean isAdmitted() {
		return this.admitted;
	}

	private void setClient(InetSocketAddress client) {
		this.clientHostAddress = client.getAddress().getHostAddress();
		this.client = client;
		this.inboundHeaders = null;
	}

	Map<String, Object> inboundHeaders(TcpConnection connection) {
		Map<String, Object> headers = this.inboundHeaders;
		if (headers == null) {
			headers = GatewayMessageMapper.standardHeaders(connection);
			this.inboundHeaders = headers;
		}
		return headers;
	}

	InetAddress clientAddress() {
		return this.client.getAddress();
	}

	String clientHostAddress() {
		return this.clientHostAddress;
	}

	InetSocketAddress client() {
		return this.client;
	}

	TrafficCounters traffic() {
		return this.traffic;
	}

	ConnectionResources resources() {
		return this.resources;
	}

	/** Record why the connection closes; the first reason given is the one counted. */
	void closingFor(CloseReason reason) {
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
	}

	/**
	 * @return whether the gateway has already decided to close the connection
	 */
	boolean isClosing() {
		return this.closeReason != null;
	}

	/**
	 * The client broke the framing: one WARN line, counted.
	 * @return the reason to close for
	 */
	CloseReason frameRejected(String remoteAddress, FrameDecodingException ex) {
		logger.warn("Closing connection from " + remoteAddress + ": " + ex.getMessage());
		this.resources.connections().metrics().frameError(ex.getReason());
		return (ex.getReason() == FrameDecodingException.Reason.OVERSIZE) ? CloseReason.OVERSIZE
				: CloseReason.DECODE_ERROR;
	}

	/**
	 * A read failed (a reset, most often): a client leaving between frames is normal, one leaving inside a
	 * frame is one WARN line, counted.
	 * @return the reason to close for
	 */
	CloseReason readFailed(String remoteAddress, Exception ex, int bufferedBytes) {
		if (bufferedBytes > 0) {
			logger.warn("Closing connection from " + remoteAddress + ": " + ex.getMessage() + " inside a frame ("
					+ bufferedBytes + " bytes of an incomplete frame received)");
			this.resources.connections().metrics().frameError(FrameDecodingException.Reason.TRUNCATED);
			return CloseReason.DECODE_ERROR;
		}
		logger.debug("Closing connection from " + remoteAddress + " after a read failed: " + ex);
		return CloseReason.CLIENT;
	}

	/** The TLS handshake or a record failed: one WARN line. */
	CloseReason tlsFailed(String remoteAddress, Exception ex) {
		logger.warn("Closing connection from " + remoteAddress + ": TLS failed: " + ex.getMessage());
		return CloseReason.TLS;
	}

}
