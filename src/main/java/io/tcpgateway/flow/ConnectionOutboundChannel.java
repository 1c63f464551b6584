package io.tcpgateway.flow;

import java.util.HashMap;
import java.util.Map;

import io.tcpgateway.connection.GatewayMessageHeaders;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The outbound channel of one connection: every reply and pushed message for that
 * connection passes through it on its way to the shared TCP outbound adapter, addressed
 * by {@link IpHeaders#CONNECTION_ID}.
 */
final class ConnectionOutboundChannel implements MessageChannel {

	private final String connectionId;

	private final MessageChannel outboundAdapterChannel;

	/**
	 * The headers of every message sent here, shared: each message copies them. The id
	 * and timestamp placeholders, replaced in each message, size that copy so that adding
	 * them does not resize it.
	 */
	private final Map<String, Object> headers = new HashMap<>(8);

	private final GatewayMessageHeaders messageHeaders;

	ConnectionOutboundChannel(String connectionId, MessageChannel outboundAdapterChannel,
			GatewayMessageHeaders messageHeaders) {
		this.connectionId = connectionId;
		this.outboundAdapterChannel = outboundAdapterChannel;
		this.messageHeaders = messageHeaders;
		this.headers.put(IpHeaders.CONNECTION_ID, connectionId);
		this.headers.put(MessageHeaders.ID, MessageHeaders.ID_VALUE_NONE);
		this.headers.put(MessageHeaders.TIMESTAMP, 0L);
	}

	/**
	 * Send a payload to this connection.
	 */
	boolean send(byte[] payload) {
		// one header map and one id, where a MessageBuilder makes two of each
		return send(new GenericMessage<>(payload, this.messageHeaders.create(this.headers)));
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
