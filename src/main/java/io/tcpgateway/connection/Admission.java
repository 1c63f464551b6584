package io.tcpgateway.connection;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.tcpgateway.proxy.ProxyProtocolSettings;

/**
 * One connection's admission under the connection limits: its slot, taken at accept; its
 * client counted against the per-client limits, at accept or once its PROXY header names
 * it; and whether its peer may send a PROXY header at all.
 */
final class Admission {

	private static final AtomicIntegerFieldUpdater<Admission> RELEASED = AtomicIntegerFieldUpdater
		.newUpdater(Admission.class, "released");

	private final ConnectionRegistry registry;

	private final boolean admitted;

	/** Why the connection is refused at accept, or {@code null} when admitted. */
	private final CloseReason refusal;

	/**
	 * Whether the socket's peer may send a PROXY header (always, when the protocol is
	 * off).
	 */
	private final boolean trustedPeer;

	/** The client counted against its per-client limit, once known. */
	private volatile InetAddress countedClient;

	/** 1 once released; through an updater, not an atomic object per connection. */
	private volatile int released;

	Admission(ConnectionRegistry registry, InetAddress peer, ProxyProtocolSettings proxy) {
		this.registry = registry;
		CloseReason refused = registry.admit() ? null : CloseReason.LIMIT;
		if (refused == null && proxy == null) {
			refused = registry.admitClient(peer);
			if (refused == null) {
				this.countedClient = peer;
			}
			else {
				registry.unadmit();
			}
		}
		this.refusal = refused;
		this.admitted = refused == null;
		this.trustedPeer = proxy == null || proxy.isTrusted(peer);
	}

	boolean isAdmitted() {
		return this.admitted;
	}

	/**
	 * @return why the connection is refused at accept, or {@code null} when admitted
	 */
	CloseReason refusal() {
		return this.refusal;
	}

	boolean isTrustedPeer() {
		return this.trustedPeer;
	}

	/**
	 * The PROXY header has named the client: count it against its limits.
	 * @return why it is refused, or {@code null} when admitted
	 */
	CloseReason admitClient(InetAddress client, String connectionId) {
		CloseReason refused = this.registry.admitClient(client);
		if (refused == null) {
			this.countedClient = client;
			this.registry.clientKnown(connectionId);
		}
		return refused;
	}

	/** Give the connection's slot back, once, when it closes. */
	void release(Connection connection, CloseReason reason) {
		if (this.admitted && RELEASED.compareAndSet(this, 0, 1)) {
			this.registry.release(connection, reason, this.countedClient);
		}
	}

}
