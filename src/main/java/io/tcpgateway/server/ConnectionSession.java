package io.tcpgateway.server;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.framing.FrameDecodingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a connection of either I/O mode keeps for the gateway: its admission under the connection
 * limits, its traffic, why it closed, and the one way client misbehaviour is logged and counted.
 */
final class ConnectionSession {

	private static final Log logger = LogFactory.getLog(ConnectionSession.class);

	private final ConnectionResources resources;

	private final InetAddress clientAddress;

	private final boolean admitted;

	private final TrafficCounters traffic;

	private final AtomicBoolean released = new AtomicBoolean();

	private volatile CloseReason closeReason;

	ConnectionSession(ConnectionResources resources, InetAddress clientAddress) {
		this.resources = resources;
		this.clientAddress = clientAddress;
		this.traffic = new TrafficCounters(resources.connections().metrics());
		this.admitted = resources.connections().admit(clientAddress);
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
			this.resources.connections().release(connection, this.closeReason);
		}
	}

	boolean isAdmitted() {
		return this.admitted;
	}

	InetAddress clientAddress() {
		return this.clientAddress;
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
