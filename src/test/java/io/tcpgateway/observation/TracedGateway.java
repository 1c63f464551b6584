package io.tcpgateway.observation;

import java.time.Duration;
import java.util.List;

import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.tcpgateway.testing.RunningGateway;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracer that keeps its spans in memory, with their parent and child ids, fed by the
 * application's observation registry: the test's stand-in for a tracing bridge.
 */
final class TracedGateway {

	/**
	 * The runnable application samples nothing by default, and the gateway then observes
	 * nothing: the tests that trace sample every trace.
	 */
	static final String SAMPLED = "management.tracing.sampling.probability=1.0";

	/**
	 * Spring Boot's Brave tracing, on the tests' class path for the tests that need real
	 * propagation, left out: these tests bring their own in-memory tracer and handler.
	 */
	static final String OWN_TRACER = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration,"
			+ "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration,"
			+ "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration";

	private TracedGateway() {
	}

	static SimpleTracer tracer(RunningGateway gateway) {
		return gateway.context().getBean(SimpleTracer.class);
	}

	/**
	 * @return the ended spans of this name, once there are {@code count} of them
	 */
	static List<SimpleSpan> awaitSpans(RunningGateway gateway, String name, int count) {
		SimpleTracer tracer = tracer(gateway);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ended(tracer, name)).hasSize(count));
		return ended(tracer, name);
	}

	static List<SimpleSpan> ended(SimpleTracer tracer, String name) {
		return tracer.getSpans()
			.stream()
			.filter((span) -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() != 0)
			.toList();
	}

	/** The in-memory tracer, as a tracing bridge's auto-configuration would give it. */
	static class Tracing {

		@Bean
		SimpleTracer simpleTracer() {
			return new SimpleTracer();
		}

		@Bean
		DefaultTracingObservationHandler simpleTracingHandler(SimpleTracer simpleTracer) {
			return new DefaultTracingObservationHandler(simpleTracer);
		}

	}

}
