package io.tcpgateway.connection;

import java.net.InetSocketAddress;

import io.micrometer.observation.Observation;
import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.proxy.ProxyHeader;
import io.tcpgateway.proxy.ProxyProtocolDecoder;
import io.tcpgateway.proxy.ProxyProtocolSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a connection keeps whatever its transport: its admission under the connection
 * limits, its client (the socket's peer, or the one its PROXY header names), its traffic
 * and requests, why it closed, its context in the flow, and the messages its frames
 * become.
 */
public final class ConnectionSession {

	private static final Log logger = LogFactory.getLog(ConnectionSession.class);

	private final ConnectionSettings settings;

	private final ConnectionCollaborators collaborators;

	private final String connectionId;

	private final int localPort;

	/** The client: the socket's peer, or the source a trusted proxy reported. */
	private volatile InetSocketAddress client;

	/** The client's address as text, for logs and headers; formatted once. */
	private volatile String clientHostAddress;

	/** Hands the connection's frames to the flow as messages. */
	private final FrameDispatcher frames;

	/** Its slot and its client under the connection limits. */
	private final Admission admission;

	/**
	 * Decodes the PROXY protocol header still expected, or {@code null}; only the reading
	 * thread touches this.
	 */
	private ProxyProtocolDecoder proxyHeader;

	private final long startedNanos = System.nanoTime();

	private final TrafficCounters traffic;

	private final RequestTracker requests = new RequestTracker();

	private final IncompleteFrame incompleteFrame;

	/** Every reason not to read the connection now. */
	private final ConnectionReadGate readGate;

	private final ConnectionKeys keys = new ConnectionKeys();

	private volatile CloseReason closeReason;

	/**
	 * The connection's observation from when it joins the live connections until it
	 * leaves them, or {@code null} when not observed.
	 */
	private volatile Observation observation;

	/** Set by the flow when the connection opens, before its first read. */
	private volatile TcpConnectionContext context;

	/**
	 * Admit a new connection under the connection limits.
	 * @param local the address and port the client connected to
	 */
	public ConnectionSession(ConnectionSettings settings, ConnectionCollaborators collaborators, String connectionId,
			InetSocketAddress peer, InetSocketAddress local) {
		this.settings = settings;
		this.collaborators = collaborators;
		this.connectionId = connectionId;
		this.localPort = local.getPort();
		this.frames = new FrameDispatcher(collaborators.messageHeaders(), connectionId, local.getAddress());
		setClient(peer);
		ConnectionRegistry registry = collaborators.registry();
		this.traffic = new TrafficCounters(registry.metrics());
		this.incompleteFrame = new IncompleteFrame(collaborators.memory().inbound());
		this.readGate = new ConnectionReadGate(collaborators.readGate(), this.requests, settings.maxRequestsInFlight(),
				settings.slowConsumer(), collaborators.memory().outbound(), this.incompleteFrame, settings.rateLimits()
					.newThrottle(settings.encoder().frameLength(0), registry.metrics()::readsThrottled));
		ProxyProtocolSettings proxy = settings.proxy();
		this.admission = new Admission(registry, peer.getAddress(), proxy);
		if (proxy != null) {
			this.proxyHeader = proxy.newDecoder();
		}
	}

	/**
	 * Join the live connections, if admitted; called once the connection is constructed.
	 */
	public void register(Connection connection) {
		if (this.admission.isAdmitted()) {
			this.collaborators.registry().register(connection);
		}
	}

	/** Give the connection's slot and memory back, once, when it closes. */
	public void release(Connection connection) {
		this.incompleteFrame.release();
		this.admission.release(connection, this.closeReason);
	}

	/**
	 * @return whether the connection may be served: admitted under the limits, from a
	 * trusted peer; otherwise it has been closed for the reason, which was reported
	 */
	public boolean isServable(Connection connection) {
		if (!this.admission.isAdmitted()) {
			connection.close(this.admission.refusal(), CloseMode.NOW);
			return false;
		}
		if (!this.admission.isTrustedPeer()) {
			connection.close(errors().proxyRejected(connection,
					"not a trusted proxy (tcp-gateway.proxy-protocol.trusted-proxies)"), CloseMode.NOW);
			return false;
		}
		return true;
	}

	/**
	 * @return whether the connection is over a limit or from an untrusted peer:
	 * {@link #isServable} will close it
	 */
	public boolean isRefused() {
		return !this.admission.isAdmitted() || !this.admission.isTrustedPeer();
	}

	/**
	 * @return the decoder of the PROXY header still expected, or {@code null} once it has
	 * been read (or is off)
	 */
	public ProxyProtocolDecoder pendingProxyHeader() {
		return this.proxyHeader;
	}

	/**
	 * The PROXY header has been read: from now on the client is its source.
	 * @return why that client is refused (over its connection limit or rate), or
	 * {@code null} when it is admitted
	 */
	public CloseReason proxyHeaderRead(ProxyHeader header) {
		this.proxyHeader = null;
		if (header.source() != null) {
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Connection from " + this.client + " carries client " + header.source() + " (PROXY protocol)");
			}
			setClient(header.source());
		}
		return this.admission.admitClient(this.client.getAddress(), this.connectionId);
	}

	/**
	 * @return {@link System#nanoTime()} when the connection opened, while its PROXY
	 * header is awaited; else 0
	 */
	long proxyHeaderPendingSince() {
		return (this.proxyHeader != null) ? this.startedNanos : 0;
	}

	/**
	 * Turn a frame into a message and hand it to the flow. A flow that fails closes the
	 * connection.
	 */
	public void dispatch(Connection connection, byte[] frame) {
		this.frames.dispatch(connection, frame, this.client);
	}

	private void setClient(InetSocketAddress client) {
		this.clientHostAddress = client.getAddress().getHostAddress();
		this.client = client;
		this.frames.clientChanged();
	}

	public InetSocketAddress client() {
		return this.client;
	}

	public String clientHostAddress() {
		return this.clientHostAddress;
	}

	/**
	 * @return the gateway's port the client connected to
	 */
	int localPort() {
		return this.localPort;
	}

	String connectionId() {
		return this.connectionId;
	}

	/**
	 * @return what the reading thread asks before each read
	 */
	public ConnectionReadGate readGate() {
		return this.readGate;
	}

	public TrafficCounters traffic() {
		return this.traffic;
	}

	/**
	 * @return the application's keys bound to the connection
	 */
	public ConnectionKeys keys() {
		return this.keys;
	}

	/**
	 * @return the connection's observation ({@code tcp.gateway.connection}) while it is
	 * live, or {@code null} when not observed
	 */
	public Observation observation() {
		return this.observation;
	}

	void observed(Observation observation) {
		this.observation = observation;
	}

	public RequestTracker requests() {
		return this.requests;
	}

	/**
	 * @return what the connection holds of a frame not yet received whole
	 */
	IncompleteFrame incompleteFrame() {
		return this.incompleteFrame;
	}

	ConnectionMetrics registryMetrics() {
		return this.collaborators.registry().metrics();
	}

	public ClientErrors errors() {
		return this.collaborators.registry().clientErrors();
	}

	public ConnectionCollaborators collaborators() {
		return this.collaborators;
	}

	public ConnectionSettings settings() {
		return this.settings;
	}

	TcpConnectionContext context() {
		return this.context;
	}

	/** The flow's view of the connection, attached when it opens. */
	public void attach(TcpConnectionContext context) {
		this.context = context;
	}

	/**
	 * Record why the connection closes, now or once done; the first reason given is the
	 * one counted.
	 */
	public void closing(CloseReason reason, CloseMode mode) {
		if (mode == CloseMode.AFTER_FLUSH) {
			this.requests.closeWhenDone(reason);
		}
		else if (this.closeReason == null) {
			this.closeReason = reason;
		}
	}

	/**
	 * @return whether the gateway has already decided to close the connection
	 */
	public boolean isClosing() {
		return this.closeReason != null;
	}

}
