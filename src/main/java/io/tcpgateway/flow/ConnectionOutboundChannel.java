package io.tcpgateway.flow;

import java.util.Map;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.GatewayMessageHeaders;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The outbound channel of one connection: every reply and every message pushed through
 * its context leaves through it, in turn.
 *
 * <p>
 * A reply goes straight to the connection that asked, which frames and queues it. Spring
 * Integration's outbound adapter would take a message addressed by
 * {@link IpHeaders#CONNECTION_ID} and look the connection up again: a header map copy, a
 * message id and a map lookup per reply, about a third of the gateway's cost per
 * pipelined message, for a connection this channel already holds. While the application
 * intercepts the shared outbound channel (a wire tap, a {@code ChannelInterceptor}), each
 * reply becomes such a message and takes that way, so the interceptors see every reply as
 * they did.
 */
final class ConnectionOutboundChannel implements MessageChannel {

	private final Connection connection;

	private final QuietDirectChannel outboundAdapterChannel;

	/**
	 * The headers of every message sent to the adapter, shared: each message copies them.
	 * The id and timestamp placeholders, replaced in each message, size that copy so that
	 * adding them does not resize it. Made on the first intercepted reply (most
	 * connections never have one); immutable, so threads racing to make it are harmless.
	 */
	private Map<String, Object> headers;

	private final GatewayMessageHeaders messageHeaders;

	ConnectionOutboundChannel(Connection connection, QuietDirectChannel outboundAdapterChannel,
			GatewayMessageHeaders messageHeaders) {
		this.connection = connection;
		this.outboundAdapterChannel = outboundAdapterChannel;
		this.messageHeaders = messageHeaders;
	}

	/**
	 * Send a payload to this connection.
	 * @throws org.springframework.messaging.MessagingException when the connection is
	 * closed or cannot take the payload; it is closed then, as the outbound adapter
	 * closes a connection whose write failed
	 */
	boolean send(byte[] payload) {
		// checked per reply, not once: interceptors may be added while the gateway runs
		if (this.outboundAdapterChannel.isIntercepted()) {
			// one header map and one id, where a MessageBuilder makes two of each
			return send(new GenericMessage<>(payload, this.messageHeaders.create(adapterHeaders())));
		}
		try {
			this.connection.sendReply(payload);
			return true;
		}
		catch (RuntimeException ex) {
			this.connection.close(CloseReason.ERROR, CloseMode.NOW);
			throw ex;
		}
	}

	private Map<String, Object> adapterHeaders() {
		Map<String, Object> made = this.headers;
		if (made == null) {
			made = Map.of(IpHeaders.CONNECTION_ID, this.connection.getConnectionId(), MessageHeaders.ID,
					MessageHeaders.ID_VALUE_NONE, MessageHeaders.TIMESTAMP, 0L);
			this.headers = made;
		}
		return made;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		return this.outboundAdapterChannel.send(message, timeout);
	}

	@Override
	public String toString() {
		return "outbound channel of connection " + this.connection.getConnectionId();
	}

}
