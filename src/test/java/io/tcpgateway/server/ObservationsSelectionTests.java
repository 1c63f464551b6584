package io.tcpgateway.server;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.tcpgateway.observation.ObservationsMode;
import io.tcpgateway.observation.TcpGatewayObservations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * when-tracing needs a tracer that traces: not Micrometer's no-op one, which Spring
 * Boot's tracing module gives when no bridge is there, nor one that samples nothing.
 */
class ObservationsSelectionTests {

	private final ObservationRegistry registry = ObservationRegistry.create();

	ObservationsSelectionTests() {
		// a registry without handlers counts as no-op
		this.registry.observationConfig().observationHandler((context) -> true);
	}

	@Test
	void whenTracingObservesWithARealTracer() {
		assertThat(select(new SimpleTracer(), new MockEnvironment()).enabled()).isTrue();
	}

	@Test
	void whenTracingObservesNothingWithTheNoopTracer() {
		assertThat(select(Tracer.NOOP, new MockEnvironment())).isSameAs(TcpGatewayObservations.NONE);
	}

	@Test
	void whenTracingObservesNothingWhenSamplingNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty(ObservationsSelection.SAMPLING_PROBABILITY,
				"0.0");
		assertThat(select(new SimpleTracer(), environment)).isSameAs(TcpGatewayObservations.NONE);
	}

	private TcpGatewayObservations select(Tracer tracer, MockEnvironment environment) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("registry", this.registry);
		beans.addBean("tracer", tracer);
		return ObservationsSelection.select(ObservationsMode.WHEN_TRACING,
				beans.getBeanProvider(ObservationRegistry.class), beans, environment);
	}

}
