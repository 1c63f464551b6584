package io.tcpgateway.forward.tcp;

import io.tcpgateway.flow.HandlerErrorPolicy;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Applies {@code handler.on-error} to requests the upstream did not answer: the client is
 * closed once its earlier replies are written, or the request gets the error reply.
 * Logged as one WARN a minute at most, not a line per request: an upstream that is down
 * fails every request.
 */
final class RequestFailures {

	private static final Log logger = LogFactory.getLog(RequestFailures.class);

	private final ForwardTcpSettings settings;

	private final RateLimitedLog log = new RateLimitedLog(logger);

	RequestFailures(ForwardTcpSettings settings) {
		this.settings = settings;
	}

	void fail(PendingRequest request, String why) {
		boolean reply = this.settings.onError() == HandlerErrorPolicy.REPLY;
		this.log.warn((count) -> count + " request(s) to the upstream " + this.settings.address() + " failed, the last"
				+ " from " + LogSafe.escape(request.client().remoteAddress()) + ": " + LogSafe.escape(why) + "; "
				+ (reply ? "answered with the error reply" : "closing the client") + " (tcp-gateway.handler.on-error)");
		if (reply) {
			request.replies().send(this.settings.errorReply());
			request.replies().complete();
		}
		else {
			request.replies().complete();
			request.client().close();
		}
	}

}
