package io.tcpgateway.testing;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads the gateway's meters in tests.
 */
public final class Meters {

	private Meters() {
	}

	/**
	 * @param tags tag keys and values, in pairs
	 * @return the count of the counter; fails when no such counter is registered (the
	 * gateway registers each of its counters up front)
	 */
	public static double count(MeterRegistry registry, String name, String... tags) {
		return registry.get(name).tags(tags).counter().count();
	}

}
