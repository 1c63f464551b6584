package io.tcpgateway.handler;

/**
 * Application logic behind the TCP port: called once for every frame a connection sends,
 * in order, and answers through the request's {@link ReplySink}. Declare one as a bean to
 * replace the default echo.
 *
 * <pre class="code">
 * &#64;Bean
 * TcpMessageHandler commands() {
 *     return (request, replies) -&gt; {
 *         switch (request.asString()) {
 *             case "PING" -&gt; replies.send("PONG");
 *             case "QUIT" -&gt; request.connection().close();
 *             default -&gt; replies.send("ERR unknown command");
 *         }
 *     };
 * }
 * </pre>
 *
 * <p>
 * A request may be answered with no reply, one, or many. Replies to one connection leave
 * in request order, whatever thread sends them: the replies of a request wait until every
 * earlier request of that connection is {@linkplain ReplySink#complete() complete}. A
 * request is complete when {@code handle} returns, unless the handler called
 * {@link ReplySink#async()}; it then completes when the handler says so, from any thread.
 *
 * <p>
 * By default a handler {@linkplain #isBlocking() may block}: it runs on the gateway's
 * handler pool, one request of a connection at a time, so a slow handler delays only its
 * own connection. If {@code handle} throws, the connection is closed and the error logged
 * (or, with {@code tcp-gateway.handler.on-error=reply}, the request is answered with an
 * error reply); an {@link Error} such as a stack overflow counts the same, and never ends
 * the thread the handler ran on.
 */
@FunctionalInterface
public interface TcpMessageHandler {

	/**
	 * Handle one frame.
	 * @param request the frame's payload and its connection
	 * @param replies where this request's replies go
	 * @throws Exception any failure: handled as described above
	 */
	void handle(TcpRequest request, ReplySink replies) throws Exception;

	/**
	 * Whether {@link #handle} may block (I/O, locks, sleeps, heavy work). A handler that
	 * returns {@code false} runs on the I/O threads, saving a thread hand-off per
	 * message; it must then never block, or it stalls every connection on that thread.
	 * @return {@code true} unless the handler promises never to block
	 */
	default boolean isBlocking() {
		return true;
	}

}
