package io.tcpgateway.flow;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.handler.TcpGatewayHeaders;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.ErrorMessage;

/**
 * The reply channel, and error channel, of one request sent into the application's flow:
 * what the flow sends here goes to the request's {@link RequestReplies}, so it reaches
 * the connection in request order.
 *
 * <p>
 * A reply completes the request, unless it is one of a sequence (a splitter's output,
 * with {@code sequenceSize} set): then the request completes with the last of them. An
 * {@link ErrorMessage} fails the request.
 */
final class FlowReplies implements MessageChannel {

	private final RequestReplies replies;

	private final GatewayConnectionContext connection;

	/** Replies of a sequence received so far. */
	private final AtomicInteger sequenceReceived = new AtomicInteger();

	FlowReplies(RequestReplies replies, GatewayConnectionContext connection) {
		this.replies = replies;
		this.connection = connection;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (message instanceof ErrorMessage error) {
			this.replies.fail(error.getPayload());
			return true;
		}
		Object bind = message.getHeaders().get(TcpGatewayHeaders.BIND);
		if (bind != null && !bindKeys(bind)) {
			return true;
		}
		byte[] reply = bytes(message.getPayload());
		if (reply == null) {
			this.replies
				.fail(new IllegalArgumentException("A reply to the TCP gateway must be a byte[] or a String, not "
						+ message.getPayload().getClass().getName()));
			return true;
		}
		this.replies.send(reply);
		if (isLastOfItsSequence(message.getHeaders())) {
			this.replies.complete();
		}
		return true;
	}

	/**
	 * Bind the keys of the reply's {@link TcpGatewayHeaders#BIND} header.
	 * @return {@code false} when the header is not valid, and the request has failed
	 */
	private boolean bindKeys(Object bind) {
		try {
			if (bind instanceof String key) {
				this.connection.bind(key);
			}
			else if (bind instanceof Collection<?> keys) {
				for (Object key : keys) {
					this.connection.bind((String) key);
				}
			}
			else {
				throw new IllegalArgumentException("The " + TcpGatewayHeaders.BIND
						+ " header must be a String or a Collection of String, not " + bind.getClass().getName());
			}
			return true;
		}
		catch (IllegalArgumentException | ClassCastException ex) {
			this.replies.fail(ex);
			return false;
		}
	}

	/** No reply: the request is complete without one. */
	void noReply() {
		this.replies.complete();
	}

	private boolean isLastOfItsSequence(MessageHeaders headers) {
		Object size = headers.get(IntegrationMessageHeaderAccessor.SEQUENCE_SIZE);
		if (!(size instanceof Number count) || count.intValue() <= 1) {
			return true;
		}
		return this.sequenceReceived.incrementAndGet() >= count.intValue();
	}

	private static byte[] bytes(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		return null;
	}

	@Override
	public String toString() {
		return "reply channel of a TCP gateway request";
	}

}
