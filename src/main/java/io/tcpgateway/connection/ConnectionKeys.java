package io.tcpgateway.connection;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The application's keys bound to one connection (a device id, a user), bounded in number
 * and length: each is written to the cluster directory.
 */
public final class ConnectionKeys {

	/** Keys one connection may carry. */
	static final int MAX_KEYS = 16;

	/** Longest key, in characters. */
	public static final int MAX_LENGTH = 200;

	/** The keys, replaced whole on each bind; writes are synchronized on this object. */
	private volatile Set<String> keys = Set.of();

	/**
	 * @return whether the key was not bound yet
	 * @throws IllegalArgumentException when the key is not valid, or the connection
	 * carries {@link #MAX_KEYS} already
	 */
	synchronized boolean add(String key) {
		check(key);
		if (this.keys.contains(key)) {
			return false;
		}
		if (this.keys.size() >= MAX_KEYS) {
			throw new IllegalArgumentException("A connection carries at most " + MAX_KEYS + " keys");
		}
		Set<String> added = new LinkedHashSet<>(this.keys);
		added.add(key);
		this.keys = Set.copyOf(added);
		return true;
	}

	/**
	 * @return the keys bound now, immutable
	 */
	public Set<String> snapshot() {
		return this.keys;
	}

	/**
	 * @throws IllegalArgumentException unless the key is 1 to {@link #MAX_LENGTH}
	 * characters without control characters
	 */
	public static void check(String key) {
		if (key == null || key.isEmpty() || key.length() > MAX_LENGTH
				|| key.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException(
					"A key must be 1 to " + MAX_LENGTH + " characters without control characters");
		}
	}

}
