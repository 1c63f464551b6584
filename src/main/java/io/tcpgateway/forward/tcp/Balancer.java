package io.tcpgateway.forward.tcp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks one upstream among candidates that may all take the client, by
 * {@code forward.tcp.balance}.
 *
 * <p>
 * Slow start: an upstream that came up (or was made active again) less than
 * {@code slow-start} ago is passed over with a probability that falls from 1 to 0 over
 * that time, so its share of new clients grows linearly, as HAProxy's {@code slowstart}
 * does with weights. Client-hash ignores it: moving a client's upstream back and forth
 * would break the stickiness it is chosen for.
 */
final class Balancer {

	/** The share an upstream in slow start gets from its first moment. */
	private static final double MIN_WEIGHT = 0.05;

	private final Balance balance;

	private final long slowStartNanos;

	private final AtomicInteger next = new AtomicInteger();

	Balancer(Balance balance, Duration slowStart) {
		this.balance = balance;
		this.slowStartNanos = slowStart.toNanos();
	}

	/**
	 * @param candidates at least one
	 * @param client the client's address, as its PROXY header names it
	 */
	Upstream choose(List<Upstream> candidates, InetSocketAddress client) {
		if (this.balance == Balance.CLIENT_HASH) {
			return highestScore(candidates, client);
		}
		List<Upstream> warm = warm(candidates);
		int start = Math.floorMod(this.next.getAndIncrement(), warm.size());
		if (this.balance == Balance.ROUND_ROBIN) {
			return warm.get(start);
		}
		Upstream best = null;
		for (int i = 0; i < warm.size(); i++) {
			Upstream upstream = warm.get((start + i) % warm.size());
			if (best == null || upstream.connections() < best.connections()) {
				best = upstream;
			}
		}
		return best;
	}

	/**
	 * @return the candidates past their slow start, and each one in it with a probability
	 * that grows with its time up; all of them should that leave none
	 */
	private List<Upstream> warm(List<Upstream> candidates) {
		if (this.slowStartNanos == 0) {
			return candidates;
		}
		long now = System.nanoTime();
		List<Upstream> warm = new ArrayList<>(candidates.size());
		for (Upstream upstream : candidates) {
			long since = upstream.servingSinceNanos();
			double weight = (since == 0) ? 1 : Math.max(MIN_WEIGHT, (now - since) / (double) this.slowStartNanos);
			if (weight >= 1 || ThreadLocalRandom.current().nextDouble() < weight) {
				warm.add(upstream);
			}
		}
		return warm.isEmpty() ? candidates : warm;
	}

	/**
	 * Rendezvous (highest random weight) hashing: each upstream scores the client, the
	 * highest score wins; an upstream leaving moves only the clients it won.
	 */
	private static Upstream highestScore(List<Upstream> candidates, InetSocketAddress client) {
		byte[] address = (client.getAddress() != null) ? client.getAddress().getAddress()
				: client.getHostString().getBytes(StandardCharsets.UTF_8);
		long clientHash = fnv1a(0xcbf29ce484222325L, address);
		Upstream best = null;
		long bestScore = 0;
		for (Upstream upstream : candidates) {
			long score = mix(fnv1a(clientHash, upstream.key().getBytes(StandardCharsets.UTF_8)));
			if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
				best = upstream;
				bestScore = score;
			}
		}
		return best;
	}

	private static long fnv1a(long hash, byte[] bytes) {
		for (byte b : bytes) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

	/** MurmurHash3's finalizer: FNV alone spreads nearby keys poorly. */
	private static long mix(long hash) {
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9a3fe1a85e3L;
		hash ^= hash >>> 33;
		return hash;
	}

}
