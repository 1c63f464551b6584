package io.tcpgateway.flow;

import java.util.Map;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * The outbound channel of one connection: every reply and pushed message for that connection passes
 * through it on its way to the shared TCP outbound adapter, addressed by {@link IpHeaders#CONNECTION_ID}.
 */
final class ConnectionOutboundChannel implements MessageChannel {

	private final String connectionId;

	private final MessageChannel outboundAdapterChannel;

	/** The headers of every message sent here: a message copies them, so they are shared. */
	private final Map<String, Object> headers;

	ConnectionOutboundChannel(String connectionId, MessageChannel outboundAdapterChannel) {
		this.connectionId = connectionId;
		this.outboundAdapterChannel = outboundAdapterChannel;
		this.headers = Map.of(IpHeaders.CONNECTION_ID, connectionId);
	}

	/**
	 * Send a payload to this connection.
	 */
	boolean send(byte[] payload) {
		// one header map and one id, where a MessageBuilder makes two of each
		return send(new GenericMessage<>(payload, this.headers));
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		return this.outboundAdapterChannel.send(message, timeout);
	}

	@Override
	public String toString() {
		return "outbound channel of connection " + this.connectionId;
	}

}
