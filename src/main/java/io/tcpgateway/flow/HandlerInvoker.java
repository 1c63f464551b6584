package io.tcpgateway.flow;

import java.nio.charset.StandardCharsets;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The flow's handler step: registers each frame as a request of its connection, so
 * replies keep request order, and calls the application's {@link TcpMessageHandler}, on
 * the connection's serial executor when the handler may block.
 */
public final class HandlerInvoker implements MessageHandler {

	private static final Log logger = LogFactory.getLog(HandlerInvoker.class);

	private final TcpMessageHandler handler;

	private final ConnectionRegistry registry;

	private final HandlerErrorPolicy onError;

	private final byte[] errorReply;

	public HandlerInvoker(TcpMessageHandler handler, ConnectionRegistry registry, HandlerErrorPolicy onError,
			String errorReply) {
		this.handler = handler;
		this.registry = registry;
		this.onError = onError;
		this.errorReply = errorReply.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void handleMessage(Message<?> message) {
		String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		// the one lookup by id on the frame's way: the connection carries the rest
		Connection connection = (connectionId != null) ? this.registry.find(connectionId) : null;
		GatewayConnectionContext context = (connection != null) ? (GatewayConnectionContext) connection.context()
				: null;
		if (context == null || !(message.getPayload() instanceof byte[] payload)) {
			logger.debug("Dropping a message for connection " + connectionId + ": it is closed");
			return;
		}
		TcpRequest request = new TcpRequest(payload, context);
		RequestReplies[] replies = new RequestReplies[1];
		replies[0] = context.sequencer().begin(failure -> failed(context, replies[0], failure));
		if (this.handler.isBlocking()) {
			context.handlerExecutor().execute(() -> invoke(request, replies[0], context));
		}
		else {
			invoke(request, replies[0], context);
		}
	}

	private void invoke(TcpRequest request, RequestReplies replies, GatewayConnectionContext context) {
		try {
			this.handler.handle(request, replies);
			if (!replies.isAsync()) {
				replies.complete();
			}
		}
		catch (Exception | LinkageError ex) {
			failed(context, replies, ex);
		}
	}

	private void failed(GatewayConnectionContext context, RequestReplies replies, Throwable failure) {
		if (this.onError == HandlerErrorPolicy.REPLY) {
			logger.warn("Message handler failed on " + context + "; answering with the error reply: " + failure,
					failure);
			replies.send(this.errorReply);
			replies.complete();
			return;
		}
		logger.error("Message handler failed on " + context + "; closing the connection", failure);
		replies.complete();
		context.connection().closeFor(CloseReason.ERROR);
	}

}
