package io.tcpgateway.connection;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

/**
 * Hands one connection's frames to the flow, each as a message with the headers of the
 * connection's current client; a flow that fails closes the connection. Only the
 * connection's reading thread dispatches.
 */
final class FrameDispatcher {

	private static final Log logger = LogFactory.getLog(FrameDispatcher.class);

	/** Flows that failed on a message, across connections: one a minute is logged. */
	private static final RateLimitedLog flowFailures = new RateLimitedLog(logger);

	private final GatewayMessageHeaders messageHeaders;

	private final String connectionId;

	private final InetAddress localAddress;

	/** The connection's messages for the current client, prepared on the first frame. */
	private volatile InboundMessages messages;

	FrameDispatcher(GatewayMessageHeaders messageHeaders, String connectionId, InetAddress localAddress) {
		this.messageHeaders = messageHeaders;
		this.connectionId = connectionId;
		this.localAddress = localAddress;
	}

	/**
	 * The client has changed (its PROXY header named it): its headers are prepared anew.
	 */
	void clientChanged() {
		this.messages = null;
	}

	/**
	 * Turn a frame into a message and hand it to the flow.
	 * @param client the connection's current client, for the messages' headers
	 */
	void dispatch(Connection connection, byte[] frame, InetSocketAddress client) {
		TcpListener listener = connection.getListener();
		if (listener == null) {
			return;
		}
		InboundMessages inbound = this.messages;
		if (inbound == null) {
			inbound = new InboundMessages(this.messageHeaders, connection, this.connectionId, client,
					this.localAddress);
			this.messages = inbound;
		}
		Message<byte[]> message = inbound.toMessage(frame);
		try {
			listener.onMessage(message);
		}
		catch (RuntimeException ex) {
			if (connection.isOpen()) {
				flowFailures.error((count) -> "Closing connection " + this.connectionId
						+ ": the flow failed to handle a message" + RateLimitedLog.andLikeIt(count), ex);
				connection.close(CloseReason.ERROR, CloseMode.NOW);
			}
			else {
				logger.debug("Connection " + this.connectionId + " closed while handling a message: " + ex);
			}
		}
	}

}
