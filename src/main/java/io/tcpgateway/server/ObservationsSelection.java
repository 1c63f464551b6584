package io.tcpgateway.server;

import java.lang.reflect.Field;

import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.observation.ObservationsMode;
import io.tcpgateway.observation.TcpGatewayObservations;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

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

	/** Spring Boot's sampling probability: at 0 the application traces nothing. */
	static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";

	private ObservationsSelection() {
	}

	static TcpGatewayObservations select(ObservationsMode mode, ObjectProvider<ObservationRegistry> registries,
			ListableBeanFactory beans, Environment environment) {
		ObservationRegistry registry = registries.getIfUnique();
		if (registry == null || mode == ObservationsMode.NEVER) {
			return TcpGatewayObservations.NONE;
		}
		if (mode == ObservationsMode.WHEN_TRACING && !traces(beans, environment)) {
			return TcpGatewayObservations.NONE;
		}
		return TcpGatewayObservations.of(registry);
	}

	/**
	 * @return whether the application has a tracer and samples some traces: unsampled, an
	 * observation per request would still cost several times the gateway's own work per
	 * message and show nowhere
	 */
	private static boolean traces(ListableBeanFactory beans, Environment environment) {
		Double sampled = environment.getProperty(SAMPLING_PROBABILITY, Double.class);
		if (sampled != null && sampled <= 0) {
			return false;
		}
		ClassLoader classLoader = ObservationsSelection.class.getClassLoader();
		if (!ClassUtils.isPresent(TRACER, classLoader)) {
			return false;
		}
		Class<?> tracerType = ClassUtils.resolveClassName(TRACER, classLoader);
		String[] tracers = beans.getBeanNamesForType(tracerType, false, false);
		// Spring Boot's tracing module without a bridge gives Tracer.NOOP: no tracing
		return tracers.length > 0 && !(tracers.length == 1 && beans.getBean(tracers[0]) == noopTracer(tracerType));
	}

	private static Object noopTracer(Class<?> tracerType) {
		Field noop = ReflectionUtils.findField(tracerType, "NOOP");
		return (noop != null) ? ReflectionUtils.getField(noop, null) : null;
	}

}
