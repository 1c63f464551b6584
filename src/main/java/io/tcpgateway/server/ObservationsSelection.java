package io.tcpgateway.server;

import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.observation.ObservationsMode;
import io.tcpgateway.observation.TcpGatewayObservations;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Chooses the registry the gateway observes through, from
 * {@code tcp-gateway.observations.mode} and what the application has.
 */
final class ObservationsSelection {

	/**
	 * Named, not imported: Micrometer Tracing is the application's choice, never the
	 * core's dependency.
	 */
	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private ObservationsSelection() {
	}

	static TcpGatewayObservations select(ObservationsMode mode, ObjectProvider<ObservationRegistry> registries,
			ListableBeanFactory beans) {
		ObservationRegistry registry = registries.getIfUnique();
		if (registry == null || mode == ObservationsMode.NEVER) {
			return TcpGatewayObservations.NONE;
		}
		if (mode == ObservationsMode.WHEN_TRACING && !traces(beans)) {
			return TcpGatewayObservations.NONE;
		}
		return TcpGatewayObservations.of(registry);
	}

	private static boolean traces(ListableBeanFactory beans) {
		ClassLoader classLoader = ObservationsSelection.class.getClassLoader();
		if (!ClassUtils.isPresent(TRACER, classLoader)) {
			return false;
		}
		return beans.getBeanNamesForType(ClassUtils.resolveClassName(TRACER, classLoader), false, false).length > 0;
	}

}
