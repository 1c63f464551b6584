package io.tcpgateway.flow;

import io.tcpgateway.handler.TcpGatewayChannels;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * {@value TcpGatewayChannels#NO_REPLY}: a request sent here is complete with no reply, so
 * the next request's replies need not wait for it.
 */
final class NoReplyChannel implements MessageChannel {

	private static final Log logger = LogFactory.getLog(NoReplyChannel.class);

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (message.getHeaders().getReplyChannel() instanceof FlowReplies replies) {
			replies.noReply();
		}
		else {
			logger.debug("Ignoring a message on " + TcpGatewayChannels.NO_REPLY + " that is no gateway request: "
					+ message.getHeaders().getId());
		}
		return true;
	}

	@Override
	public String toString() {
		return TcpGatewayChannels.NO_REPLY;
	}

}
