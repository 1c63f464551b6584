package io.tcpgateway.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcp-gateway.observations.mode}: requests are observed by default with a tracer
 * that samples, without one only when always is asked for, and never when never is.
 */
class ObservationsModeTests {

	@Test
	void whenTracingObservesWithATracer() {
		try (RunningGateway gateway = RunningGateway.start(TracedGateway.Tracing.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER)) {
			roundTrip(gateway);
			assertThat(TracedGateway.awaitSpans(gateway, "tcp request", 1)).hasSize(1);
		}
	}

	@Test
	void whenTracingObservesNothingWhenTheTracerSamplesNothing() {
		try (RunningGateway gateway = RunningGateway.start(TracedGateway.Tracing.class,
				"management.tracing.sampling.probability=0", TracedGateway.OWN_TRACER)) {
			roundTrip(gateway);
			assertThat(gateway.context().getBean(TcpGatewayObservations.class).enabled()).isFalse();
			assertThat(TracedGateway.tracer(gateway).getSpans()).isEmpty();
		}
	}

	@Test
	void whenTracingObservesNothingWithoutATracer() {
		try (RunningGateway gateway = RunningGateway.start(Recorded.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER)) {
			roundTrip(gateway);
			assertThat(gateway.context().getBean(TcpGatewayObservations.class).enabled()).isFalse();
			// a request's observation starts before its reply is sent
			assertThat(gateway.context().getBean(Recorder.class).started).doesNotContain(
					DefaultTcpRequestObservationConvention.NAME, DefaultTcpConnectionObservationConvention.NAME);
		}
	}

	@Test
	void alwaysObservesWithoutATracer() {
		try (RunningGateway gateway = RunningGateway.start(Recorded.class, "tcp-gateway.observations.mode=always",
				TracedGateway.OWN_TRACER)) {
			roundTrip(gateway);
			assertThat(gateway.context().getBean(Recorder.class).started)
				.contains(DefaultTcpRequestObservationConvention.NAME, DefaultTcpConnectionObservationConvention.NAME);
		}
	}

	@Test
	void neverObservesEvenWithATracer() {
		try (RunningGateway gateway = RunningGateway.start(TracedGateway.Tracing.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER, "tcp-gateway.observations.mode=never")) {
			roundTrip(gateway);
			assertThat(gateway.context().getBean(TcpGatewayObservations.class)).isSameAs(TcpGatewayObservations.NONE);
			assertThat(TracedGateway.tracer(gateway).getSpans()).isEmpty();
		}
	}

	private static void roundTrip(RunningGateway gateway) {
		try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
		}
	}

	/** Notes the name of every observation started: an application without tracing. */
	static class Recorder implements ObservationHandler<Observation.Context> {

		final List<String> started = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.started.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	static class Recorded {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

}
