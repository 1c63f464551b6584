package io.tcpgateway.flow;

import java.util.ArrayDeque;

import io.micrometer.observation.Observation;

/**
 * The open requests of one connection, oldest first; guarded by its
 * {@link ReplySequencer}'s lock.
 *
 * <p>
 * A request that its handler answers on the thread that dispatched it, while no other is
 * open (a non-blocking handler's, on the event loop: the common case), is queued nowhere,
 * only marked as the oldest: no queue operation per message, and no queue at all for a
 * connection whose requests are all answered so (the JIT could also leave such a request
 * off the heap, but in the gateway's deep inlined read path it was not seen to). Should
 * the handler keep it open ({@link RequestReplies#async()}), it is queued then, ahead of
 * any that arrived since. Only queued requests can time out: a marked one is being
 * answered by the thread that would dispatch the next. An observed request is always
 * queued: a close ends the observations of the queued ones.
 */
final class OpenRequests {

	/**
	 * Made when a first request is queued: a non-blocking handler's connection may never
	 * need it, and an idle connection holds none.
	 */
	private ArrayDeque<RequestReplies> queued;

	/** Whether a marked request is open, ahead of every queued one. */
	private boolean markedOpen;

	/**
	 * @param answeredHere whether the request's handler answers it on this thread before
	 * the next request is dispatched, unless it keeps it open
	 */
	void add(RequestReplies request, boolean answeredHere) {
		if (answeredHere && !this.markedOpen && isEmpty()) {
			request.markOldest(true);
			this.markedOpen = true;
		}
		else {
			queue().add(request);
		}
	}

	/**
	 * @return whether the request is the oldest open one: its replies go out at once
	 */
	boolean isOldest(RequestReplies request) {
		return request.isMarkedOldest()
				|| (!this.markedOpen && this.queued != null && this.queued.peekFirst() == request);
	}

	/**
	 * @return the oldest queued request, or {@code null} when none is queued or a marked
	 * request is open ahead of them
	 */
	RequestReplies oldestQueued() {
		return (this.markedOpen || this.queued == null) ? null : this.queued.peekFirst();
	}

	private boolean isEmpty() {
		return this.queued == null || this.queued.isEmpty();
	}

	private ArrayDeque<RequestReplies> queue() {
		if (this.queued == null) {
			this.queued = new ArrayDeque<>(2);
		}
		return this.queued;
	}

	/** The request is kept open past its handler's call: queued, still the oldest. */
	void keptOpen(RequestReplies request) {
		if (request.isMarkedOldest()) {
			request.markOldest(false);
			this.markedOpen = false;
			queue().addFirst(request);
		}
	}

	/**
	 * The request is complete: send the replies held by the queued requests that are now
	 * the oldest, and forget those of them that are complete.
	 * @return the bytes of the held replies sent
	 */
	long completed(RequestReplies request, ConnectionOutboundChannel channel) {
		if (request.isMarkedOldest()) {
			request.markOldest(false);
			this.markedOpen = false;
		}
		long sent = 0;
		RequestReplies oldest;
		while ((oldest = oldestQueued()) != null) {
			// most requests hold nothing: no iterator for them
			sent += oldest.sendHeld(channel);
			if (!oldest.isComplete()) {
				break;
			}
			this.queued.pollFirst();
		}
		return sent;
	}

	/**
	 * The connection closed: end the observations of the queued requests, as closed (a
	 * marked request is never observed).
	 * @return the observations ended, for the caller to stop once it has unlocked;
	 * {@code null} when none
	 */
	ArrayDeque<Observation> endAsClosed() {
		if (this.queued == null) {
			return null;
		}
		ArrayDeque<Observation> ended = null;
		for (RequestReplies request : this.queued) {
			Observation observation = request.endAsClosed();
			if (observation != null) {
				ended = (ended != null) ? ended : new ArrayDeque<>();
				ended.add(observation);
			}
		}
		return ended;
	}

}
