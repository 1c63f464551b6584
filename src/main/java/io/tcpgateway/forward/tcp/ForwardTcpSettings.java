package io.tcpgateway.forward.tcp;

import java.time.Duration;

import io.tcpgateway.flow.HandlerErrorPolicy;
import io.tcpgateway.framing.Framing;

/**
 * What the bridge needs to know, taken from {@code tcp-gateway.forward.tcp.*} and the
 * handler settings by its auto-configuration.
 *
 * @param pool the upstreams and how they are picked, checked and retried
 * @param framing how the upstream delimits messages
 * @param maxMessageSize the largest payload of one upstream frame, in bytes
 * @param connectTimeout how long one connection attempt may take
 * @param mode per-connection or shared
 * @param poolSize upstream connections in shared mode
 * @param replyTimeout how long a request waits for its reply in shared mode
 * @param threads threads that decode upstream frames
 * @param onError what a failed request does to its client
 * @param errorReply the reply to a failed request when {@code onError} is reply
 */
record ForwardTcpSettings(UpstreamPoolSettings pool, Framing framing, int maxMessageSize, Duration connectTimeout,
		ForwardTcpMode mode, int poolSize, Duration replyTimeout, int threads, HandlerErrorPolicy onError,
		byte[] errorReply) {

	/**
	 * @return {@code host:port} of each upstream as configured, for logs and health
	 */
	String address() {
		return this.pool.describe();
	}

}
