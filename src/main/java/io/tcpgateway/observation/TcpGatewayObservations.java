package io.tcpgateway.observation;

import io.micrometer.observation.ObservationRegistry;

/**
 * The observation registry the gateway and its features observe through: the
 * application's, or {@link ObservationRegistry#NOOP} when observations are off (then an
 * observation costs no more than a check of this registry).
 */
public final class TcpGatewayObservations {

	/** Observations off. */
	public static final TcpGatewayObservations NONE = new TcpGatewayObservations(ObservationRegistry.NOOP);

	private final ObservationRegistry registry;

	private TcpGatewayObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @param registry the application's registry
	 * @return observations through {@code registry}
	 */
	public static TcpGatewayObservations of(ObservationRegistry registry) {
		return registry.isNoop() ? NONE : new TcpGatewayObservations(registry);
	}

	/**
	 * @return the registry to observe through; {@link ObservationRegistry#NOOP} when off
	 */
	public ObservationRegistry registry() {
		return this.registry;
	}

	/**
	 * @return whether anything is observed at all
	 */
	public boolean enabled() {
		return !this.registry.isNoop();
	}

}
