package io.tcpgateway.flow;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * What the flow takes from the configuration, so that it never sees the properties.
 *
 * @param handlerThreads at most this many blocking handler calls at once
 * @param handlerQueueCapacity tasks waiting for a handler thread, at most
 * @param handlerThreadFactory makes the handler threads, virtual or platform
 * @param onError what a failed request is answered with
 * @param errorReply the reply to a failed or late request, when {@code onError} replies
 * @param flowMayBlock whether the application's flow is called on a handler thread
 * @param replyTimeout how long a request may go unanswered; zero for ever
 * @param replyTimeoutThreadFactory makes the threads that answer late requests
 * @param maxHeldReplyBytes reply bytes a connection may hold behind an unfinished request
 */
public record FlowSettings(int handlerThreads, int handlerQueueCapacity, ThreadFactory handlerThreadFactory,
		HandlerErrorPolicy onError, String errorReply, boolean flowMayBlock, Duration replyTimeout,
		ThreadFactory replyTimeoutThreadFactory, long maxHeldReplyBytes) {

}
