package io.tcpgateway.handler;

/**
 * The names of the gateway's message channels, for an application that writes its logic
 * as a Spring Integration flow instead of a {@link TcpMessageHandler}.
 *
 * <pre class="code">
 * &#64;Bean
 * IntegrationFlow orders() {
 *     return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
 *         .transform(Transformers.objectToString())
 *         .&lt;String, String&gt;transform(String::toUpperCase)
 *         .get();
 * }
 * </pre>
 */
public final class TcpGatewayChannels {

	/**
	 * Every frame, as a {@code Message<byte[]>} with the {@code ip_*} headers and a reply
	 * channel. Whatever the flow sends to the reply channel (one reply, or a splitter's
	 * sequence of them; now or later, from any thread) goes back to the connection in
	 * request order. A flow subscribed here replaces the echo handler.
	 */
	public static final String REQUESTS = "tcpGatewayRequests";

	/**
	 * Send a request here (its headers intact) to say it gets no reply, so the next
	 * request's replies need not wait for it: the end of a one-way flow.
	 */
	public static final String NO_REPLY = "tcpGatewayNoReply";

	/**
	 * Messages sent here with an {@code ip_connectionId} header go to that connection,
	 * framed like replies, at once: the server push.
	 */
	public static final String OUTBOUND = "tcpGatewayOutbound";

	private TcpGatewayChannels() {
	}

}
