package io.tcpgateway.flow;

import java.time.Duration;
import java.util.concurrent.Executor;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionCheck;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts a request not answered within {@code tcp-gateway.handler.reply-timeout} as
 * answered with nothing (or with the error reply, when {@code on-error} is
 * {@code reply}), so that a flow that never replies, one-way by design or by mistake,
 * does not hold back every later reply of its connection. Made by the sweeper, of each
 * connection's oldest requests.
 */
public final class ReplyTimeouts implements ConnectionCheck {

	private static final Log logger = LogFactory.getLog(ReplyTimeouts.class);

	private final long timeoutNanos;

	private final byte[] replacement;

	private final ConnectionMetrics metrics;

	private final Executor handlerPool;

	private final RateLimitedLog warnings = new RateLimitedLog(logger);

	public ReplyTimeouts(Duration timeout, HandlerErrorPolicy onError, String errorReply, ConnectionMetrics metrics,
			Executor handlerPool) {
		this.timeoutNanos = timeout.toNanos();
		this.replacement = new RequestFailures(onError, errorReply).timeoutReplacement();
		this.metrics = metrics;
		this.handlerPool = handlerPool;
	}

	@Override
	public void check(Connection connection, long now) {
		if (!(connection.context() instanceof GatewayConnectionContext context)) {
			return;
		}
		long deadline = now - this.timeoutNanos;
		ReplySequencer sequencer = context.sequencer();
		if (sequencer.startExpiring(deadline)) {
			this.handlerPool.execute(() -> expire(context, sequencer, deadline));
		}
	}

	private void expire(GatewayConnectionContext context, ReplySequencer sequencer, long deadline) {
		int expired = sequencer.expire(deadline, this.replacement);
		if (expired > 0) {
			this.metrics.repliesTimedOut(expired);
			this.warnings.warn((count) -> count + " request(s) had no reply within "
					+ Duration.ofNanos(this.timeoutNanos).toMillis()
					+ " ms (tcp-gateway.handler.reply-timeout) and count as answered with "
					+ ((this.replacement != null) ? "the error reply" : "nothing") + ", the last on " + context
					+ "; a flow that never replies says so by sending the request to " + TcpGatewayChannels.NO_REPLY);
		}
	}

}
