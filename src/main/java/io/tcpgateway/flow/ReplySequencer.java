package io.tcpgateway.flow;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import io.micrometer.observation.Observation;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.observation.TcpRequestOutcome;

/**
 * Keeps one connection's replies in request order, however and whenever its handlers send
 * them.
 *
 * <p>
 * Requests are registered in the order they arrive. The oldest open request's replies go
 * out at once; a later request's replies are held until every earlier request is
 * complete. Held replies are bounded: past the connection's limit the connection is
 * closed as a slow consumer.
 */
final class ReplySequencer {

	private final Connection connection;

	private final ConnectionOutboundChannel channel;

	private final long maxHeldBytes;

	/**
	 * Records each request's time to completion in nanoseconds, or {@code null} when not
	 * measured.
	 */
	private final LongConsumer replyLatency;

	/**
	 * Whether requests are stamped with their arrival, for the latency or the timeout.
	 */
	private final boolean stampRequests;

	private final OpenRequests open = new OpenRequests();

	/**
	 * Guards the requests and their held replies. A reply is sent under it, so in
	 * {@code net} mode it is held while a reply's write blocks: the sweeper only ever
	 * tries it.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	/** Set while a thread is completing requests that timed out; set under the lock. */
	private volatile boolean expiring;

	/** Set once the connection has closed: a later request is observed as closed. */
	private volatile boolean closed;

	/** Set once any request is observed: until then a close needs no lock. */
	private volatile boolean observed;

	/** Set while a close leaves the observations to end to the lock's holder. */
	private volatile boolean endPending;

	private long heldBytes;

	/**
	 * @param stampRequests whether requests are stamped with their arrival (for the reply
	 * timeout), even when their latency is not recorded
	 */
	ReplySequencer(Connection connection, ConnectionOutboundChannel channel, long maxHeldBytes,
			LongConsumer replyLatency, boolean stampRequests) {
		this.connection = connection;
		this.channel = channel;
		this.maxHeldBytes = maxHeldBytes;
		this.replyLatency = replyLatency;
		this.stampRequests = stampRequests || replyLatency != null;
	}

	/**
	 * Register a request that has just arrived.
	 * @param failures what a failure of the request does
	 * @param context the connection's context, which {@code failures} act on
	 * @param observation the request's started observation, or {@code null}
	 * @param answeredHere whether it is answered on this thread, unless kept open
	 */
	RequestReplies begin(RequestFailures failures, GatewayConnectionContext context, Observation observation,
			boolean answeredHere) {
		if (observation != null) {
			// before closed is read: a close either sees it or is seen here
			this.observed = true;
		}
		Observation ended = null;
		this.lock.lock();
		try {
			RequestReplies request = new RequestReplies(this, failures, context,
					this.stampRequests ? System.nanoTime() : 0, observation);
			this.open.add(request, answeredHere && observation == null);
			this.connection.requestStarted();
			if (this.closed) {
				// arrived after its connection closed: no close is left to end it
				ended = request.endAsClosed();
			}
			return request;
		}
		finally {
			unlock();
			if (ended != null) {
				ended.stop();
			}
		}
	}

	void send(RequestReplies request, byte[] reply) {
		this.lock.lock();
		try {
			sendLocked(request, reply);
		}
		finally {
			unlock();
		}
	}

	private void sendLocked(RequestReplies request, byte[] reply) {
		if (request.isComplete()) {
			return;
		}
		request.observeReply(reply.length);
		if (this.open.isOldest(request)) {
			this.channel.send(reply);
			return;
		}
		request.hold(reply);
		this.heldBytes += reply.length;
		if (this.heldBytes > this.maxHeldBytes) {
			this.connection.session()
				.errors()
				.closing("replies-held", this.connection,
						this.heldBytes + " reply bytes held behind an unfinished request exceed the limit ("
								+ this.maxHeldBytes + ")");
			this.connection.close(CloseReason.SLOW_CONSUMER, CloseMode.NOW);
		}
	}

	void keptOpen(RequestReplies request) {
		this.lock.lock();
		try {
			this.open.keptOpen(request);
		}
		finally {
			unlock();
		}
	}

	void complete(RequestReplies request) {
		Observation ended;
		this.lock.lock();
		try {
			ended = completeLocked(request);
		}
		finally {
			unlock();
		}
		if (ended != null) {
			// outside the lock: the application's observation handlers run here
			ended.stop();
		}
	}

	/**
	 * @return the request's observation, ended, for the caller to stop once it has
	 * unlocked; {@code null} when none
	 */
	private Observation completeLocked(RequestReplies request) {
		if (request.isComplete()) {
			return null;
		}
		request.markComplete();
		Observation ended = request.endObservation();
		if (this.replyLatency != null) {
			this.replyLatency.accept(System.nanoTime() - request.startedNanos());
		}
		this.heldBytes -= this.open.completed(request, this.channel);
		this.connection.requestFinished();
		return ended;
	}

	/** The request failed: its observation records why, unless it has already ended. */
	void failed(RequestReplies request, Throwable failure) {
		this.lock.lock();
		try {
			request.observeOutcome(TcpRequestOutcome.ERROR, failure);
		}
		finally {
			unlock();
		}
	}

	/**
	 * The connection closed: the observations of the requests still open end, as closed;
	 * their handlers may still complete them, to no effect on the client. Never waits: a
	 * thread may close while holding the write lock that this lock's holder waits for, so
	 * a taken lock leaves them to its holder, as it unlocks.
	 */
	void closed() {
		this.closed = true;
		if (this.observed) {
			endOpenObservations();
		}
	}

	private void endOpenObservations() {
		this.endPending = true;
		// never under a lock this thread already holds (a close from a reply's write):
		// the application's observation handlers run here, once it unlocks
		if (this.lock.isHeldByCurrentThread() || !this.lock.tryLock()) {
			return;
		}
		ArrayDeque<Observation> ended;
		try {
			this.endPending = false;
			ended = this.open.endAsClosed();
		}
		finally {
			this.lock.unlock();
		}
		if (ended != null) {
			ended.forEach(Observation::stop);
		}
	}

	/** Unlock, then end the observations a close left to this thread. */
	private void unlock() {
		this.lock.unlock();
		if (this.endPending) {
			endOpenObservations();
		}
	}

	/**
	 * Complete the oldest open requests that arrived before {@code deadline}, as answered
	 * with nothing but {@code replacement}: a request whose handler or flow never says it
	 * is done would otherwise hold back every later reply of its connection.
	 * @param replacement sent in place of the missing replies, or {@code null} for none
	 * @return how many requests were completed
	 */
	int expire(long deadline, byte[] replacement) {
		ArrayDeque<Observation> ended = new ArrayDeque<>(1);
		this.lock.lock();
		try {
			return expireLocked(deadline, replacement, ended);
		}
		finally {
			unlock();
			this.expiring = false;
			// outside the lock: the application's observation handlers run here
			ended.forEach(Observation::stop);
		}
	}

	/**
	 * Never waits: the lock is held while a reply is written, which in {@code net} mode
	 * may block.
	 * @return whether the oldest open request arrived before {@code deadline} and no
	 * other thread is already completing it
	 */
	boolean startExpiring(long deadline) {
		if (!this.lock.tryLock()) {
			return false;
		}
		try {
			RequestReplies oldest = this.open.oldestQueued();
			if (oldest == null || oldest.startedNanos() - deadline >= 0 || this.expiring) {
				return false;
			}
			this.expiring = true;
			return true;
		}
		finally {
			unlock();
		}
	}

	private int expireLocked(long deadline, byte[] replacement, ArrayDeque<Observation> ended) {
		int expired = 0;
		RequestReplies oldest;
		while ((oldest = this.open.oldestQueued()) != null && oldest.startedNanos() - deadline < 0) {
			oldest.observeOutcome(TcpRequestOutcome.TIMEOUT, null);
			if (replacement != null) {
				sendLocked(oldest, replacement);
			}
			Observation observation = completeLocked(oldest);
			if (observation != null) {
				ended.add(observation);
			}
			expired++;
		}
		return expired;
	}

}
