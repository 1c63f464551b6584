package io.tcpgateway.handler;

import java.nio.charset.StandardCharsets;

/**
 * Where the replies to one request go. Each reply is framed like every reply and goes out
 * through the connection's own outbound channel, subject to the gateway's limits and
 * backpressure. Safe to use from any thread.
 */
public interface ReplySink {

	/**
	 * Send a reply. Replies of one request keep the order they are sent in; they wait
	 * while an earlier request of the same connection is still open. Ignored once the
	 * request is complete or the connection closed.
	 * @param reply the payload, without framing
	 * @return this sink
	 */
	ReplySink send(byte[] reply);

	/**
	 * Send a text reply, encoded as UTF-8.
	 * @param reply the payload, without framing
	 * @return this sink
	 */
	default ReplySink send(String reply) {
		return send(reply.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Keep the request open after {@link TcpMessageHandler#handle} returns, so replies
	 * can follow later from another thread; the handler must then call
	 * {@link #complete()} or {@link #fail(Throwable)}.
	 * @return this sink
	 */
	ReplySink async();

	/**
	 * The request has had all its replies; the next request's replies may go.
	 */
	void complete();

	/**
	 * The request failed: handled like a handler that throws.
	 * @param cause why
	 */
	void fail(Throwable cause);

}
