package io.tcpgateway.flow;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

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

	/** Replies of a sequence received so far. */
	private final AtomicInteger sequenceReceived = new AtomicInteger();

	FlowReplies(RequestReplies replies) {
		this.replies = replies;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (message instanceof ErrorMessage error) {
			this.replies.fail(error.getPayload());
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
