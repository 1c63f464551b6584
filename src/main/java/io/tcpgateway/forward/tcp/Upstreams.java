package io.tcpgateway.forward.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The bridge's upstreams: every address its configured names resolve to, primaries and
 * backups, and which of them a client may be given now.
 *
 * <p>
 * Names are resolved by {@link #resolve()}, at start and again every
 * {@code resolve-interval}: a new address becomes an upstream, one no longer there is
 * removed (its open connections stay until they close), one still there keeps its health.
 */
final class Upstreams {

	private static final Log logger = LogFactory.getLog(Upstreams.class);

	/** Told of upstreams added and removed by re-resolution. */
	interface Listener {

		void added(Upstream upstream);

		void removed(Upstream upstream);

	}

	private final UpstreamPoolSettings settings;

	private final UpstreamResolver resolver;

	private final ForwardTcpMetrics metrics;

	private final Balancer balancer;

	private final RateLimitedLog resolveFailures = new RateLimitedLog(logger);

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/** Set once a resolution found some upstream: those found later start slowly. */
	private boolean resolvedBefore;

	/** Replaced whole by {@link #resolve()}: readers take one snapshot. */
	private volatile List<Upstream> all = List.of();

	Upstreams(UpstreamPoolSettings settings, UpstreamResolver resolver, ForwardTcpMetrics metrics) {
		this.settings = settings;
		this.resolver = resolver;
		this.metrics = metrics;
		this.balancer = new Balancer(settings.balance(), settings.slowStart());
	}

	UpstreamPoolSettings settings() {
		return this.settings;
	}

	void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * @return every upstream now, primaries first
	 */
	List<Upstream> all() {
		return this.all;
	}

	/**
	 * @param key {@code address:port}
	 * @return the upstream, or {@code null}
	 */
	Upstream find(String key) {
		return this.all.stream().filter((upstream) -> upstream.key().equals(key)).findFirst().orElse(null);
	}

	/**
	 * @return whether some upstream takes new clients
	 */
	boolean anyServing() {
		return this.all.stream().anyMatch(Upstream::isServing);
	}

	/**
	 * Resolve every configured name again: called once at start, then by the health
	 * checker's thread, never on an event loop.
	 */
	synchronized void resolve() {
		Map<String, Upstream> before = new LinkedHashMap<>();
		this.all.forEach((upstream) -> before.put(upstream.key(), upstream));
		Map<String, Upstream> after = new LinkedHashMap<>();
		List<Upstream> added = new ArrayList<>();
		resolveInto(this.settings.primaries(), false, before, after, added);
		resolveInto(this.settings.backups(), true, before, after, added);
		List<Upstream> removed = before.values().stream().filter((old) -> !after.containsKey(old.key())).toList();
		this.all = List.copyOf(after.values());
		for (Upstream upstream : removed) {
			upstream.remove();
			logger.info("upstream " + upstream.key() + " removed: " + upstream.configured().host()
					+ " no longer resolves to it");
			this.listeners.forEach((listener) -> listener.removed(upstream));
		}
		for (Upstream upstream : added) {
			if (this.resolvedBefore) {
				// new to a running pool: its slow start begins now, as for one back up
				upstream.startServing();
				logger
					.info("upstream " + upstream.key() + " added: " + upstream.configured().host() + " resolves to it");
			}
			this.listeners.forEach((listener) -> listener.added(upstream));
		}
		this.resolvedBefore |= !after.isEmpty();
	}

	private void resolveInto(List<UpstreamAddress> entries, boolean backup, Map<String, Upstream> before,
			Map<String, Upstream> after, List<Upstream> added) {
		UpstreamPoolSettings.HealthCheckSettings check = this.settings.check();
		for (UpstreamAddress entry : entries) {
			List<InetAddress> addresses = lookUp(entry, before);
			for (InetAddress address : addresses) {
				String key = Upstream.key(address, entry.port());
				Upstream existing = before.get(key);
				if (existing != null) {
					after.putIfAbsent(key, existing);
				}
				else if (!after.containsKey(key)) {
					Upstream made = new Upstream(entry, address, backup, check.rise(), check.fall(), check.enabled(),
							this.metrics);
					after.put(made.key(), made);
					added.add(made);
				}
			}
		}
	}

	/**
	 * @return the entry's addresses; while its name does not resolve, the ones it had
	 */
	private List<InetAddress> lookUp(UpstreamAddress entry, Map<String, Upstream> before) {
		try {
			return this.resolver.resolve(entry.host());
		}
		catch (UnknownHostException | RuntimeException ex) {
			this.resolveFailures.warn((count) -> count + " lookup(s) of upstream names failed, the last of "
					+ entry.host() + " (tcp-gateway.forward.tcp): " + ex);
			return before.values()
				.stream()
				.filter((upstream) -> upstream.configured().equals(entry))
				.map((upstream) -> upstream.address().getAddress())
				.toList();
		}
	}

	/**
	 * The upstream for a new client: among the primaries that are up, not drained and not
	 * in their backoff (see {@link #mayTakeClients}); failing those the backups; failing
	 * those (every upstream down) any upstream out of its backoff, so that an upstream
	 * that is back is found by a client before its checks bring it up, while the backoff
	 * still bounds the attempts.
	 * @param client the client's address, as its PROXY header names it
	 * @param tried upstreams this client tried already
	 * @return the upstream, or {@code null} when none may be tried
	 */
	Upstream choose(InetSocketAddress client, Set<Upstream> tried) {
		List<Upstream> snapshot = this.all;
		// client-hash keeps a client on its upstream while it is up: a backoff after one
		// failed check is no reason to move its clients
		boolean sticky = this.settings.balance() == Balance.CLIENT_HASH;
		List<Upstream> candidates = candidates(snapshot, tried, sticky,
				(upstream) -> !upstream.isBackup() && mayTakeClients(upstream));
		if (candidates.isEmpty()) {
			candidates = candidates(snapshot, tried, sticky,
					(upstream) -> upstream.isBackup() && mayTakeClients(upstream));
		}
		if (candidates.isEmpty()) {
			candidates = candidates(snapshot, tried, false,
					(upstream) -> !upstream.isDraining() && !upstream.isRemoved());
		}
		return candidates.isEmpty() ? null : this.balancer.choose(candidates, client);
	}

	/**
	 * @return whether it may be given new clients: up, neither drained nor gone; without
	 * active checks, nothing but a client finds that a down upstream is back, so one out
	 * of its backoff is tried again (its backoff bounds how often)
	 */
	private boolean mayTakeClients(Upstream upstream) {
		return upstream.isServing()
				|| (!this.settings.check().enabled() && !upstream.isDraining() && !upstream.isRemoved());
	}

	/**
	 * @param ignoreBackoff whether an upstream in its backoff may be a candidate
	 */
	private static List<Upstream> candidates(List<Upstream> snapshot, Set<Upstream> tried, boolean ignoreBackoff,
			Predicate<Upstream> eligible) {
		List<Upstream> candidates = new ArrayList<>(snapshot.size());
		for (Upstream upstream : snapshot) {
			if (eligible.test(upstream) && !tried.contains(upstream)
					&& (ignoreBackoff || upstream.reachability().mayAttempt())
					&& !upstream.isAttemptUnderWayWhileSuspect()) {
				candidates.add(upstream);
			}
		}
		return candidates;
	}

}
