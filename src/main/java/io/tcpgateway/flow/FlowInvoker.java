package io.tcpgateway.flow;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * The flow's handler step when the application's own flow handles the frames: registers
 * each frame as a request of its connection, so replies keep request order, and sends it
 * to {@value TcpGatewayChannels#REQUESTS} with a reply channel (and error channel) of its
 * own, on the connection's serial executor when the flow may block.
 */
final class FlowInvoker implements MessageHandler {

	private final MessageChannel requests;

	private final ConnectionRegistry registry;

	private final RequestFailures failures;

	private final boolean mayBlock;

	/**
	 * @param mayBlock whether the flow's first steps may block, so must run off the I/O
	 * threads
	 */
	FlowInvoker(MessageChannel requests, ConnectionRegistry registry, HandlerErrorPolicy onError, String errorReply,
			boolean mayBlock) {
		this.requests = requests;
		this.registry = registry;
		this.failures = new RequestFailures(onError, errorReply);
		this.mayBlock = mayBlock;
	}

	@Override
	public void handleMessage(Message<?> message) {
		GatewayConnectionContext context = HandlerInvoker.contextOf(message, this.registry);
		if (context == null) {
			return;
		}
		RequestReplies replies = context.sequencer().begin(this.failures, context);
		FlowReplies replyChannel = new FlowReplies(replies, context);
		Message<?> request = MessageBuilder.fromMessage(message)
			.setReplyChannel(replyChannel)
			.setErrorChannel(replyChannel)
			.build();
		if (this.mayBlock) {
			context.handlerExecutor().execute(() -> send(request, replies));
		}
		else {
			send(request, replies);
		}
	}

	private void send(Message<?> request, RequestReplies replies) {
		try {
			this.requests.send(request);
		}
		catch (Throwable ex) {
			FatalErrors.rethrowIfFatal(ex);
			// as for a handler: whatever the flow throws, errors included, fails this
			// request only
			replies.fail(ex);
		}
	}

}
