package io.tcpgateway.flow;

import io.micrometer.observation.Observation;
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

	private final RequestObservations observations;

	/**
	 * @param mayBlock whether the flow's first steps may block, so must run off the I/O
	 * threads
	 */
	FlowInvoker(MessageChannel requests, ConnectionRegistry registry, HandlerErrorPolicy onError, String errorReply,
			boolean mayBlock, RequestObservations observations) {
		this.requests = requests;
		this.registry = registry;
		this.failures = new RequestFailures(onError, errorReply);
		this.mayBlock = mayBlock;
		this.observations = observations;
	}

	/**
	 * @param handler what the flow is, as the {@code handler} key of the request's
	 * observation says
	 */
	void handledBy(String handler) {
		this.observations.handledBy(handler);
	}

	@Override
	public void handleMessage(Message<?> message) {
		GatewayConnectionContext context = HandlerInvoker.contextOf(message, this.registry);
		if (context == null) {
			return;
		}
		Observation observation = (message.getPayload() instanceof byte[] payload)
				? this.observations.start(context, payload.length) : null;
		RequestReplies replies = context.sequencer().begin(this.failures, context, observation, false);
		FlowReplies replyChannel = new FlowReplies(replies, context);
		Message<?> request = MessageBuilder.fromMessage(message)
			.setReplyChannel(replyChannel)
			.setErrorChannel(replyChannel)
			.build();
		if (this.mayBlock) {
			context.handlerExecutor().execute(() -> send(request, replies, observation));
		}
		else {
			send(request, replies, observation);
		}
	}

	private void send(Message<?> request, RequestReplies replies, Observation observation) {
		// the request is current in the flow's steps that run on this thread: Spring
		// Integration's own observations of them are its children
		Observation.Scope scope = (observation != null) ? observation.openScope() : null;
		try {
			this.requests.send(request);
		}
		catch (Throwable ex) {
			FatalErrors.rethrowIfFatal(ex);
			// as for a handler: whatever the flow throws, errors included, fails this
			// request only
			replies.fail(ex);
		}
		finally {
			if (scope != null) {
				scope.close();
			}
		}
	}

}
