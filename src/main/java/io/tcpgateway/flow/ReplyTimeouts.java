package io.tcpgateway.flow;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionCheck;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Counts a request not answered within {@code tcp-gateway.handler.reply-timeout} as
 * answered with nothing (or with the error reply, when {@code on-error} is
 * {@code reply}), so that a flow that never replies, one-way by design or by mistake,
 * does not hold back every later reply of its connection. Found by the sweeper, of each
 * connection's oldest requests.
 *
 * <p>
 * The expired requests are answered on threads of their own, not the handler pool's: a
 * timeout is what rescues a connection whose handler never answers, and it must fire even
 * while every handler thread is stuck. Not on the sweeper's thread either: in {@code net}
 * mode writing the error reply may block. Two threads, started when a timeout first fires
 * and ended after a minute idle, so a gateway whose requests are answered in time has
 * none; their queue holds at most one task per connection, as a connection's requests
 * expire one batch at a time.
 */
final class ReplyTimeouts implements ConnectionCheck, DisposableBean {

	private static final int THREADS = 2;

	private static final Log logger = LogFactory.getLog(ReplyTimeouts.class);

	private final long timeoutNanos;

	private final byte[] replacement;

	private final ConnectionMetrics metrics;

	private final ThreadPoolExecutor expiry;

	private final RateLimitedLog warnings = new RateLimitedLog(logger);

	ReplyTimeouts(Duration timeout, HandlerErrorPolicy onError, String errorReply, ConnectionMetrics metrics,
			ThreadFactory threadFactory) {
		this.timeoutNanos = timeout.toNanos();
		this.replacement = new RequestFailures(onError, errorReply).timeoutReplacement();
		this.metrics = metrics;
		this.expiry = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threadFactory);
		this.expiry.allowCoreThreadTimeOut(true);
	}

	@Override
	public void check(Connection connection, long now) {
		if (!(connection.context() instanceof GatewayConnectionContext context)) {
			return;
		}
		long deadline = now - this.timeoutNanos;
		ReplySequencer sequencer = context.sequencer();
		if (sequencer.startExpiring(deadline)) {
			this.expiry.execute(() -> expire(context, sequencer, deadline));
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

	@Override
	public void destroy() {
		this.expiry.shutdownNow();
	}

}
