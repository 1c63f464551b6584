package io.tcpgateway.server;

import java.net.InetSocketAddress;

/**
 * What the rest of the gateway may do with a live connection: the flow tracks its open requests, the
 * application closes it.
 */
public interface ConnectionHandle {

	String getConnectionId();

	/**
	 * @return the client's address and port
	 */
	InetSocketAddress remoteSocketAddress();

	boolean isOpen();

	/**
	 * @return the connection's traffic so far
	 */
	ConnectionStats stats();

	/**
	 * A request of this connection is being handled. While too many are, the connection stops reading;
	 * while any is, a half-closed connection stays open for its replies.
	 */
	void requestStarted();

	/**
	 * A request of this connection has had all its replies.
	 */
	void requestFinished();

	/**
	 * Close once the replies already queued are written, reading nothing more meanwhile.
	 */
	void closeAfterFlush(CloseReason reason);

	/**
	 * Close the connection at once, recording why; the first reason given is the one counted.
	 */
	void closeFor(CloseReason reason);

}
