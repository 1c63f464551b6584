package io.tcpgateway.forward.tcp;

import io.micrometer.observation.Observation;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpConnectionContext;

/**
 * A client's request written to a shared upstream connection, waiting for its reply.
 *
 * @param payload the request frame's payload
 * @param client the client that sent it
 * @param replies where its reply goes, kept open until then
 * @param sentNanos {@link System#nanoTime()} when it was handed to the connection
 * @param exchange its observation on the connection it was written to,
 * {@link Observation#NOOP} when observations are off or until it is written
 */
record PendingRequest(byte[] payload, TcpConnectionContext client, ReplySink replies, long sentNanos,
		Observation exchange) {

	PendingRequest(byte[] payload, TcpConnectionContext client, ReplySink replies, long sentNanos) {
		this(payload, client, replies, sentNanos, Observation.NOOP);
	}

	/**
	 * @return this request as observed on one connection: itself when the observation is
	 * {@link Observation#NOOP}
	 */
	PendingRequest observed(Observation exchange) {
		return exchange.isNoop() ? this
				: new PendingRequest(this.payload, this.client, this.replies, this.sentNanos, exchange);
	}

}
