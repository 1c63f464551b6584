package io.tcpgateway.flow;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The outbound channel of one connection: every reply for that connection passes through it, in the
 * order it was sent, on its way to the shared TCP outbound adapter.
 */
final class ConnectionOutboundChannel implements MessageChannel {

	private final String connectionId;

	private final MessageChannel outboundAdapterChannel;

	ConnectionOutboundChannel(String connectionId, MessageChannel outboundAdapterChannel) {
		this.connectionId = connectionId;
		this.outboundAdapterChannel = outboundAdapterChannel;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		return this.outboundAdapterChannel.send(message, timeout);
	}

	String getConnectionId() {
		return this.connectionId;
	}

	@Override
	public String toString() {
		return "outbound channel of connection " + this.connectionId;
	}

}
