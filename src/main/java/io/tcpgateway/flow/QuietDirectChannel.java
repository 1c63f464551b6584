package io.tcpgateway.flow;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.integration.support.management.metrics.MetricsCaptor;

/**
 * A direct channel for the gateway's per-message path that neither asks its logger
 * whether to log each message nor times each send.
 *
 * <p>
 * Spring Integration's debug check and its {@code spring.integration.send} timer cost
 * about a tenth of the gateway's time per message together (clock reads and a timer
 * update on every send); the traffic on these channels is counted and timed by the
 * {@code tcp.gateway.*} meters instead, per read and write batch. Its first sends take
 * turns, as {@link StartupSafeChannel} explains.
 */
final class QuietDirectChannel extends StartupSafeChannel {

	QuietDirectChannel() {
		setLoggingEnabled(false);
	}

	/**
	 * @return whether any interceptor is on this channel now, asked without the copy
	 * {@link #getInterceptors()} makes
	 */
	boolean isIntercepted() {
		return getIChannelInterceptorList().getSize() > 0;
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor metricsCaptor) {
		// untimed: see the class comment
	}

	/**
	 * Never observed, whatever {@code spring.integration.management.observation-patterns}
	 * says: each frame is already observed as its request ({@code tcp.gateway.request}),
	 * which is current in the application's flow, so the flow's own observed channels and
	 * handlers are its children; an observed channel here would instead become the root
	 * of the request's trace and copy every message to carry its headers.
	 */
	@Override
	public void registerObservationRegistry(ObservationRegistry observationRegistry) {
		// unobserved: see above
	}

}
