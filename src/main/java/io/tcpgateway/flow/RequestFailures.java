package io.tcpgateway.flow;

import java.nio.charset.StandardCharsets;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a failed request does, for handlers and flows alike: close its connection, or
 * answer it with the error reply and go on ({@code tcp-gateway.handler.on-error}).
 */
final class RequestFailures {

	private static final Log logger = LogFactory.getLog(RequestFailures.class);

	/** Handler failures answered with the error reply: one a minute is logged. */
	private final RateLimitedLog replied = new RateLimitedLog(logger);

	/** Handler failures that closed their connection: one a minute is logged. */
	private final RateLimitedLog closed = new RateLimitedLog(logger);

	private final HandlerErrorPolicy onError;

	private final byte[] errorReply;

	RequestFailures(HandlerErrorPolicy onError, String errorReply) {
		this.onError = onError;
		this.errorReply = errorReply.getBytes(StandardCharsets.UTF_8);
	}

	void failed(GatewayConnectionContext context, RequestReplies replies, Throwable failure) {
		context.sequencer().failed(replies, failure);
		boolean reported = ReportedFailure.isReported(failure);
		if (this.onError == HandlerErrorPolicy.REPLY) {
			if (reported) {
				logger.debug("Request failed on " + LogSafe.escape(context) + "; answering with the error reply: "
						+ LogSafe.escape(failure));
			}
			else {
				this.replied.warn((count) -> "Message handler failed on " + LogSafe.escape(context)
						+ "; answering with the error reply: " + LogSafe.escape(failure)
						+ RateLimitedLog.andLikeIt(count), failure);
			}
			replies.send(this.errorReply);
			replies.complete();
			return;
		}
		if (reported) {
			logger.debug("Request failed on " + LogSafe.escape(context) + "; closing the connection: "
					+ LogSafe.escape(failure));
		}
		else {
			this.closed.error((count) -> "Message handler failed on " + LogSafe.escape(context)
					+ "; closing the connection" + RateLimitedLog.andLikeIt(count), failure);
		}
		replies.complete();
		context.connection().close(CloseReason.ERROR, CloseMode.NOW);
	}

	/**
	 * @return what replaces the replies of a request that timed out: the error reply, or
	 * {@code null} for none
	 */
	byte[] timeoutReplacement() {
		return (this.onError == HandlerErrorPolicy.REPLY) ? this.errorReply : null;
	}

}
