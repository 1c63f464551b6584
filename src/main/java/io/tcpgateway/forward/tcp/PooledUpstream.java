package io.tcpgateway.forward.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One slot of the shared pool: an upstream connection and the requests written to it, in
 * order, each answered by the next reply.
 *
 * <p>
 * A request is queued and written under one lock, so the queue's order is the order on
 * the wire; replies take the queue's head. When a reply is late the connection's
 * correlation is lost (a late reply would answer the next request), so the timed-out
 * request fails and the connection is dropped, failing those behind it, and reopened.
 */
final class PooledUpstream implements UpstreamLink {

	private final SharedUpstreamPool pool;

	private final UpstreamClient upstream;

	private final Upstream target;

	private final ReentrantLock writeLock = new ReentrantLock();

	/** Guarded by this. */
	private final ArrayDeque<PendingRequest> pending = new ArrayDeque<>();

	/** Guarded by this: a reply timed out, the connection is being dropped. */
	private boolean broken;

	private volatile TcpConnection connection;

	/** Set while a connection attempt for this slot is scheduled or under way. */
	private final java.util.concurrent.atomic.AtomicBoolean reconnecting = new java.util.concurrent.atomic.AtomicBoolean();

	/** Its upstream is gone: it takes no more requests and closes once it has none. */
	private volatile boolean retired;

	PooledUpstream(SharedUpstreamPool pool, UpstreamClient upstream, Upstream target) {
		this.pool = pool;
		this.upstream = upstream;
		this.target = target;
	}

	Upstream target() {
		return this.target;
	}

	void connected(TcpConnection connection) {
		this.connection = connection;
		this.reconnecting.set(false);
		if (this.retired) {
			closeIfIdle();
		}
	}

	boolean isRetired() {
		return this.retired;
	}

	/**
	 * Its upstream was dropped by re-resolution: close once what it carries is answered.
	 */
	void retire() {
		this.retired = true;
		closeIfIdle();
	}

	private void closeIfIdle() {
		TcpConnection open;
		synchronized (this) {
			open = this.pending.isEmpty() ? this.connection : null;
		}
		if (open != null) {
			open.close();
		}
	}

	/**
	 * @return {@code true} when the caller is to open a connection for this slot: none is
	 * open and no attempt is scheduled or under way
	 */
	boolean startReconnecting() {
		// not while a connection that timed out is closing: its close empties the slot
		TcpConnection open = this.connection;
		return (open == null || !open.isOpen()) && this.reconnecting.compareAndSet(false, true);
	}

	/** The attempt failed: the next one may be scheduled. */
	void reconnectFailed() {
		this.reconnecting.set(false);
	}

	/**
	 * @return whether it takes requests: connected, neither retired nor being dropped
	 * after a timeout
	 */
	boolean isOpen() {
		TcpConnection open = this.connection;
		if (open == null || !open.isOpen() || this.retired) {
			return false;
		}
		synchronized (this) {
			return !this.broken;
		}
	}

	synchronized int pendingCount() {
		return this.pending.size();
	}

	/**
	 * @return {@code false} when the slot has no usable connection, or the write failed;
	 * the request is then not taken
	 */
	boolean send(PendingRequest request) {
		this.writeLock.lock();
		try {
			TcpConnection open = this.connection;
			if (open == null || !open.isOpen()) {
				return false;
			}
			// started before it is queued: its reply may come on another thread at once
			PendingRequest sent = request.observed(
					this.pool.observations().exchange(this.target, open.getConnectionId(), request.client().id()));
			synchronized (this) {
				if (this.broken) {
					UpstreamObservations.stop(sent.exchange(), UpstreamObservations.NOT_WRITTEN, null);
					return false;
				}
				this.pending.add(sent);
			}
			if (this.upstream.send(open, sent.payload())) {
				return true;
			}
			// the write failed, so the upstream never had it: it may go to another
			// connection, unless the close that follows has failed it already
			synchronized (this) {
				if (!this.pending.removeLastOccurrence(sent)) {
					return true;
				}
			}
			UpstreamObservations.stop(sent.exchange(), UpstreamObservations.NOT_WRITTEN, null);
			return false;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public void upstreamMessage(byte[] payload) {
		PendingRequest request;
		synchronized (this) {
			if (this.broken) {
				return;
			}
			request = this.pending.poll();
		}
		if (request == null) {
			this.pool.unexpected(this.target);
		}
		else {
			this.pool.replied(request, this.target, payload);
			if (this.retired) {
				closeIfIdle();
			}
		}
	}

	@Override
	public void upstreamClosed(Upstream upstream) {
		List<PendingRequest> failed;
		synchronized (this) {
			this.connection = null;
			this.broken = false;
			failed = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		for (PendingRequest request : failed) {
			this.pool.failed(request, this.target, ForwardTcpMetrics.Error.CLOSED, "the upstream connection closed");
		}
		this.pool.reconnectLater(this);
	}

	/**
	 * Fail the oldest request if it has waited longer than the timeout, and drop the
	 * connection.
	 */
	void expire(long now, long timeoutNanos) {
		PendingRequest late;
		TcpConnection open;
		synchronized (this) {
			late = this.pending.peek();
			if (late == null || this.broken || now - late.sentNanos() < timeoutNanos) {
				return;
			}
			this.pending.poll();
			this.broken = true;
			open = this.connection;
		}
		// closed first: a client told of the failure may send its next request at once
		if (open != null) {
			open.close();
		}
		this.pool.failed(late, this.target, ForwardTcpMetrics.Error.TIMEOUT, "no reply within "
				+ this.upstream.settings().replyTimeout().toMillis() + " ms (tcp-gateway.forward.tcp.reply-timeout)");
	}

}
