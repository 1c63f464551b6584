package io.tcpgateway.flow;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The handler step of the gateway's inbound flow, which hands each frame to the
 * application's {@code TcpMessageHandler} or to its flow: which of the two is known only
 * once the application's endpoints have subscribed to their channels, just before the
 * listener starts.
 */
final class RequestDispatcher implements MessageHandler {

	private volatile MessageHandler target;

	/** Hand every frame from now on to this step. */
	void dispatchTo(MessageHandler target) {
		this.target = target;
	}

	@Override
	public void handleMessage(Message<?> message) {
		MessageHandler current = this.target;
		if (current == null) {
			throw new IllegalStateException("The TCP gateway received a frame before its handler was chosen");
		}
		current.handleMessage(message);
	}

}
