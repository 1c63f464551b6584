package io.tcpgateway.flow;

import io.micrometer.observation.Observation;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.connection.FrameMessage;
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
final class HandlerInvoker implements MessageHandler {

	private static final Log logger = LogFactory.getLog(HandlerInvoker.class);

	private final TcpMessageHandler handler;

	private final ConnectionRegistry registry;

	private final RequestFailures failures;

	private final RequestObservations observations;

	HandlerInvoker(TcpMessageHandler handler, ConnectionRegistry registry, HandlerErrorPolicy onError,
			String errorReply, RequestObservations observations) {
		this.handler = handler;
		this.registry = registry;
		this.failures = new RequestFailures(onError, errorReply);
		this.observations = observations;
	}

	@Override
	public void handleMessage(Message<?> message) {
		GatewayConnectionContext context = contextOf(message, this.registry);
		if (context == null || !(message.getPayload() instanceof byte[] payload)) {
			return;
		}
		Observation observation = this.observations.start(context, payload.length);
		TcpRequest request = new TcpRequest(payload, context, (observation != null) ? observation : Observation.NOOP);
		RequestReplies replies = context.sequencer()
			.begin(this.failures, context, observation, !this.handler.isBlocking());
		if (this.handler.isBlocking()) {
			context.handlerExecutor().execute(() -> invoke(request, replies, context));
		}
		else {
			invoke(request, replies, context);
		}
	}

	private void invoke(TcpRequest request, RequestReplies replies, GatewayConnectionContext context) {
		// the request is current while the handler runs, and while its failure is logged
		Observation.Scope scope = request.observation().openScope();
		try {
			handle(request, replies, context);
		}
		finally {
			scope.close();
		}
	}

	private void handle(TcpRequest request, RequestReplies replies, GatewayConnectionContext context) {
		try {
			this.handler.handle(request, replies);
			if (!replies.isAsync()) {
				replies.complete();
			}
		}
		catch (Throwable ex) {
			// out of memory and its kind end the thread, and the application exits
			FatalErrors.rethrowIfFatal(ex);
			// whatever else the handler throws, as its contract says: errors too, such as
			// a stack overflow on a client's deeply nested input, which has unwound by
			// here and must not end the event loop or pool thread the handler ran on
			this.failures.failed(context, replies, ex);
		}
	}

	/**
	 * @return the context of the frame's connection, or {@code null} when it is closed
	 */
	static GatewayConnectionContext contextOf(Message<?> message, ConnectionRegistry registry) {
		// a frame knows its connection without making its headers, which most handlers
		// never read, and without a lookup by id: a closed one is as good as gone
		Connection connection;
		String connectionId;
		if (message instanceof FrameMessage frame) {
			connection = frame.connection().isOpen() ? frame.connection() : null;
			connectionId = frame.connectionId();
		}
		else {
			connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
			// the one lookup by id on the message's way: the connection carries the rest
			connection = (connectionId != null) ? registry.find(connectionId) : null;
		}
		GatewayConnectionContext context = (connection != null) ? (GatewayConnectionContext) connection.context()
				: null;
		if (context == null) {
			logger.debug("Dropping a message for connection " + connectionId + ": it is closed");
		}
		return context;
	}

}
