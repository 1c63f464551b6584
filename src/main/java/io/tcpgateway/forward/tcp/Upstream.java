package io.tcpgateway.forward.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One upstream instance: an address and port the bridge connects to, its health, its
 * backoff after failed attempts, its open connections and whether an operator drains it.
 * A name that resolves to several addresses makes an upstream of each.
 */
final class Upstream {

	private final String key;

	private final UpstreamAddress configured;

	private final InetSocketAddress address;

	private final boolean backup;

	private final UpstreamHealth health;

	private final UpstreamReachability reachability = new UpstreamReachability();

	private final AtomicInteger connections = new AtomicInteger();

	private final LongAdder connects = new LongAdder();

	private final LongAdder failures = new LongAdder();

	/** Connection attempts under way, for {@link #startAttempt()}. */
	private final AtomicInteger attempting = new AtomicInteger();

	private final UpstreamMetrics metrics;

	/**
	 * Whether active checks run: a client's connection then proves only that the port
	 * accepts, which a check with {@code send}/{@code expect} may still fail, so only its
	 * failures count.
	 */
	private final boolean activeChecks;

	private volatile boolean draining;

	/**
	 * {@link System#nanoTime()} when an operator last made it active again, or
	 * re-resolution added it; else 0.
	 */
	private volatile long activeSinceNanos;

	/** Set once re-resolution no longer finds its address: it takes no new clients. */
	private volatile boolean removed;

	Upstream(UpstreamAddress configured, InetAddress address, boolean backup, int rise, int fall, boolean activeChecks,
			ForwardTcpMetrics metrics) {
		this.activeChecks = activeChecks;
		this.configured = configured;
		this.address = new InetSocketAddress(address, configured.port());
		this.key = key(address, configured.port());
		this.backup = backup;
		this.health = new UpstreamHealth(this.key, rise, fall);
		this.metrics = metrics.upstream(this.key, this.connections::get, () -> this.health.isUp() ? 1 : 0);
	}

	/**
	 * @return {@code address:port}, an IPv6 address in brackets
	 */
	static String key(InetAddress address, int port) {
		String host = address.getHostAddress();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/**
	 * @return {@code address:port}, how logs, health, meters and the endpoint name it
	 */
	String key() {
		return this.key;
	}

	/**
	 * @return the entry it was resolved from
	 */
	UpstreamAddress configured() {
		return this.configured;
	}

	InetSocketAddress address() {
		return this.address;
	}

	/**
	 * @return the address literal to connect to, so that no lookup happens then
	 */
	String host() {
		return this.address.getAddress().getHostAddress();
	}

	int port() {
		return this.address.getPort();
	}

	boolean isBackup() {
		return this.backup;
	}

	UpstreamHealth health() {
		return this.health;
	}

	UpstreamReachability reachability() {
		return this.reachability;
	}

	UpstreamMetrics metrics() {
		return this.metrics;
	}

	/**
	 * @return whether it may be given new clients: up, neither drained nor gone
	 */
	boolean isServing() {
		return this.health.isUp() && !this.draining && !this.removed;
	}

	UpstreamState state() {
		return this.draining ? UpstreamState.DRAINING : this.health.isUp() ? UpstreamState.UP : UpstreamState.DOWN;
	}

	boolean isDraining() {
		return this.draining;
	}

	/**
	 * @param draining {@code true} to take it out of the choice, {@code false} to bring
	 * it back, restarting its slow start
	 */
	void drain(boolean draining) {
		if (!draining && this.draining) {
			this.activeSinceNanos = System.nanoTime();
		}
		this.draining = draining;
	}

	/**
	 * It was added to a running pool by re-resolution: its slow start begins now.
	 */
	void startServing() {
		this.activeSinceNanos = System.nanoTime();
	}

	boolean isRemoved() {
		return this.removed;
	}

	void remove() {
		this.removed = true;
		this.metrics.close();
	}

	/**
	 * @return {@link System#nanoTime()} since when it takes new clients again: when it
	 * came back up, was made active again or was added by re-resolution, whichever is
	 * later; 0 when it has taken them since the start
	 */
	long servingSinceNanos() {
		long up = this.health.upSinceNanos();
		long active = this.activeSinceNanos;
		if (up == 0 || active == 0) {
			return (up == 0) ? active : up;
		}
		return (active - up > 0) ? active : up;
	}

	int connections() {
		return this.connections.get();
	}

	void opened() {
		this.connections.incrementAndGet();
		this.connects.increment();
		// it accepts connections, so no backoff; but with active checks only a check
		// says whether it is healthy
		this.reachability.succeeded();
		if (!this.activeChecks) {
			this.health.passed(false);
		}
		this.metrics.connected();
	}

	void closed() {
		this.connections.decrementAndGet();
	}

	/**
	 * A real client's connection attempt failed: counted, backed off, and a failure
	 * towards {@code fall}.
	 */
	void connectFailed(String error) {
		this.failures.increment();
		this.reachability.failed(error);
		this.health.failed(false, error);
		this.metrics.error(ForwardTcpMetrics.Error.CONNECT);
	}

	/**
	 * Take a connection attempt's turn: any number may be under way to an upstream that
	 * is up and whose last attempt succeeded, but only one to one that is down or whose
	 * last attempt failed, so that an upstream that drops connection attempts holds at
	 * most one connect thread for the connect timeout and the others go elsewhere.
	 * @return {@code false} when the attempt is not to be made; else
	 * {@link #endAttempt()} must follow
	 */
	boolean startAttempt() {
		if (this.attempting.incrementAndGet() > 1 && isSuspect()) {
			this.attempting.decrementAndGet();
			return false;
		}
		return true;
	}

	void endAttempt() {
		this.attempting.decrementAndGet();
	}

	/**
	 * @return whether {@link #startAttempt()} would refuse an attempt now
	 */
	boolean isAttemptUnderWayWhileSuspect() {
		return this.attempting.get() > 0 && isSuspect();
	}

	private boolean isSuspect() {
		return !this.health.isUp() || Boolean.FALSE.equals(this.reachability.lastAttemptSucceeded());
	}

	long connectCount() {
		return this.connects.sum();
	}

	long failureCount() {
		return this.failures.sum();
	}

	@Override
	public String toString() {
		return this.key;
	}

}
