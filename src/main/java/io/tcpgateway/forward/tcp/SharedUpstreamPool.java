package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.tcpgateway.connection.EnumNames;
import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Shared mode: {@code pool-size} connections to each upstream carry the requests of every
 * client, for protocols that answer each request with one reply, in order.
 *
 * <p>
 * Each client frame becomes one request on the open connection with the fewest waiting
 * among those of the primaries that are up and not drained; failing those, of the backups
 * that are; failing those, any open connection. Backups keep their connections open, so
 * that they take over at once, but get no request while a primary serves. {@code balance}
 * plays no part; its reply completes it through the client's {@link ReplySink}, which
 * keeps the client's replies in request order however its requests were spread. A client
 * may have up to {@code handler.max-in-flight} requests open; past that the gateway stops
 * reading from it, so a slow upstream slows its clients instead of filling a queue. A
 * request that finds no open connection, or gets no reply within the reply timeout, fails
 * under {@code handler.on-error}; one that finds its connection closed before it was
 * written goes to another. A dropped connection is reopened after its upstream's backoff
 * ({@link UpstreamReachability}); the connections of an upstream that re-resolution
 * dropped close once they have answered what they carry. One thread
 * ({@code tcp-gateway-forward-timer}) checks reply timeouts and schedules reconnections.
 */
final class SharedUpstreamPool implements TcpMessageHandler, Upstreams.Listener {

	private static final Log logger = LogFactory.getLog(SharedUpstreamPool.class);

	private final UpstreamClient upstream;

	private final ForwardTcpMetrics metrics;

	private final RequestFailures failures;

	private final UpstreamObservations observations;

	/** Replaced whole as upstreams come and go: a request reads one snapshot. */
	private volatile List<PooledUpstream> slots = List.of();

	private final AtomicInteger next = new AtomicInteger();

	private final RateLimitedLog unexpectedFrames = new RateLimitedLog(logger);

	/** Made by {@link #start()}. */
	private volatile ScheduledExecutorService timer;

	private volatile boolean running;

	SharedUpstreamPool(UpstreamClient upstream, ForwardTcpMetrics metrics, UpstreamObservations observations) {
		this.upstream = upstream;
		this.metrics = metrics;
		this.observations = observations;
		this.failures = new RequestFailures(upstream.settings());
		upstream.upstreams().addListener(this);
	}

	@Override
	public void added(Upstream target) {
		List<PooledUpstream> added = new ArrayList<>();
		for (int i = 0; i < this.upstream.settings().poolSize(); i++) {
			added.add(new PooledUpstream(this, this.upstream, target));
		}
		synchronized (this) {
			List<PooledUpstream> slots = new ArrayList<>(this.slots);
			slots.addAll(added);
			this.slots = List.copyOf(slots);
		}
		if (this.running) {
			added.forEach(this::reconnectLater);
		}
	}

	@Override
	public void removed(Upstream target) {
		List<PooledUpstream> removed;
		synchronized (this) {
			removed = this.slots.stream().filter((slot) -> slot.target() == target).toList();
			this.slots = this.slots.stream().filter((slot) -> slot.target() != target).toList();
		}
		removed.forEach(PooledUpstream::retire);
	}

	void start() {
		this.timer = new ScheduledThreadPoolExecutor(1,
				GatewayThreadFactory.platform("tcp-gateway-forward-timer-", true));
		this.running = true;
		for (PooledUpstream slot : this.slots) {
			reconnectLater(slot);
		}
		long period = sweepPeriod(this.upstream.settings().replyTimeout()).toNanos();
		long timeoutNanos = this.upstream.settings().replyTimeout().toNanos();
		this.timer.scheduleWithFixedDelay(() -> {
			long now = System.nanoTime();
			for (PooledUpstream slot : this.slots) {
				slot.expire(now, timeoutNanos);
				// a connection that closed as it was handed over left its slot empty
				reconnectLater(slot);
			}
		}, period, period, TimeUnit.NANOSECONDS);
	}

	void stop() {
		this.running = false;
		ScheduledExecutorService timer = this.timer;
		if (timer != null) {
			timer.shutdownNow();
		}
	}

	/** Timeouts are found within a tenth of the timeout, checked at most every 10 ms. */
	private static Duration sweepPeriod(Duration replyTimeout) {
		Duration tenth = replyTimeout.dividedBy(10);
		return (tenth.compareTo(Duration.ofMillis(10)) < 0) ? Duration.ofMillis(10)
				: (tenth.compareTo(Duration.ofMillis(100)) > 0) ? Duration.ofMillis(100) : tenth;
	}

	/**
	 * @return upstream connections open now
	 */
	int openSlots() {
		return (int) this.slots.stream().filter(PooledUpstream::isOpen).count();
	}

	/**
	 * Never blocks but for the write: each request is only queued and written, and its
	 * reply comes on an assembler thread. It is still run on the handler pool, since a
	 * write to an upstream that does not read waits for its socket.
	 */
	@Override
	public void handle(TcpRequest request, ReplySink replies) {
		replies.async();
		PendingRequest pending = new PendingRequest(request.payload(), request.connection(), replies,
				System.nanoTime());
		List<PooledUpstream> slots = this.slots;
		int start = Math.floorMod(this.next.getAndIncrement(), Math.max(1, slots.size()));
		Set<PooledUpstream> tried = new HashSet<>();
		for (int tries = 0; tries < slots.size(); tries++) {
			PooledUpstream slot = leastBusyOpenSlot(slots, start, tried,
					(target) -> target.isServing() && !target.isBackup());
			if (slot == null) {
				slot = leastBusyOpenSlot(slots, start, tried, (target) -> target.isServing() && target.isBackup());
			}
			if (slot == null) {
				slot = leastBusyOpenSlot(slots, start, tried, (target) -> true);
			}
			if (slot == null) {
				break;
			}
			if (slot.send(pending)) {
				return;
			}
			tried.add(slot);
		}
		failed(pending, null, ForwardTcpMetrics.Error.UNAVAILABLE, "no upstream connection is open");
	}

	/**
	 * @param tried connections the request could not be written to
	 * @param eligible which upstreams' connections may be picked
	 */
	private static PooledUpstream leastBusyOpenSlot(List<PooledUpstream> slots, int start, Set<PooledUpstream> tried,
			Predicate<Upstream> eligible) {
		PooledUpstream best = null;
		int fewest = Integer.MAX_VALUE;
		for (int i = 0; i < slots.size(); i++) {
			PooledUpstream slot = slots.get((start + i) % slots.size());
			if (!tried.contains(slot) && slot.isOpen() && eligible.test(slot.target())) {
				int waiting = slot.pendingCount();
				if (waiting < fewest) {
					fewest = waiting;
					best = slot;
				}
			}
		}
		return best;
	}

	UpstreamObservations observations() {
		return this.observations;
	}

	void replied(PendingRequest request, Upstream target, byte[] reply) {
		target.metrics().replied(System.nanoTime() - request.sentNanos());
		UpstreamObservations.stop(request.exchange(), UpstreamObservations.SUCCESS, null);
		request.replies().send(reply);
		request.replies().complete();
	}

	/**
	 * @param target the upstream that failed it, {@code null} when none could take it
	 */
	void failed(PendingRequest request, Upstream target, ForwardTcpMetrics.Error reason, String why) {
		if (target != null) {
			target.metrics().error(reason);
		}
		else {
			this.metrics.error(reason);
		}
		if (!request.exchange().isNoop()) {
			UpstreamObservations.stop(request.exchange(), EnumNames.kebabCase(reason),
					new UpstreamUnavailableException(target.key() + ": " + why));
		}
		this.failures.fail(request, (target != null) ? target.key() + ": " + why : why);
	}

	void unexpected(Upstream target) {
		String address = target.key();
		target.metrics().error(ForwardTcpMetrics.Error.UNEXPECTED);
		this.unexpectedFrames.warn((count) -> "Dropped " + count + " frame(s) from the upstream " + address
				+ " that answered no request (shared mode expects one reply per request)");
	}

	void reconnectLater(PooledUpstream slot) {
		if (!this.running || slot.isRetired() || !slot.startReconnecting()) {
			return;
		}
		try {
			this.timer.schedule(() -> connect(slot), slot.target().reachability().untilNextAttempt().toNanos(),
					TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// stopping
		}
	}

	private void connect(PooledUpstream slot) {
		if (!this.running) {
			return;
		}
		this.upstream.connect(() -> this.upstream.attempt(slot, slot.target())).whenComplete((connection, failure) -> {
			if (failure != null || connection == null) {
				// failed, or not made while another attempt to a suspect upstream runs
				slot.reconnectFailed();
				reconnectLater(slot);
			}
			else {
				slot.connected(connection);
			}
		});
	}

}
