package io.tcpgateway.flow;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The outbound channel of one connection: every reply and pushed message for that connection passes
 * through it on its way to the shared TCP outbound adapter, addressed by {@link IpHeaders#CONNECTION_ID}.
 */
final class ConnectionOutboundChannel implements MessageChannel {

	private final String connectionId;

	private final MessageChannel outboundAdapterChannel;

	ConnectionOutboundChannel(String connectionId, MessageChannel outboundAdapterChannel) {
		this.connectionId = connectionId;
		this.outboundAdapterChannel = outboundAdapterChannel;
	}

	/**
	 * Send a payload to this connection.
	 */
	boolean send(byte[] payload) {
		return send(MessageBuilder.withPayload(payload).setHeader(IpHeaders.CONNECTION_ID, this.connectionId).build());
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
