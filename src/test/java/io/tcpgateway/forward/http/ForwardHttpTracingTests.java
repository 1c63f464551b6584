package io.tcpgateway.forward.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP bridge's call to the service is a child of the request it forwards, and the
 * service receives the request's trace in a W3C {@code traceparent} header (Brave,
 * through Micrometer Tracing's bridge, propagating as Spring Boot configures it).
 */
class ForwardHttpTracingTests {

	@Test
	void serviceReceivesTheRequestsTraceInTraceparent() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start(W3cTracing.class,
						"management.tracing.sampling.probability=1.0", "tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			FinishedSpans spans = gateway.context().getBean(FinishedSpans.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> spans.named("tcp request") != null);
			MutableSpan request = spans.named("tcp request");
			assertThat(request.tags()).containsEntry("handler", "forward-http");
			assertThat(request.parentId()).isNull();
			String traceparent = backend.received().get(0).header("traceparent");
			assertThat(traceparent).startsWith("00-" + request.traceId() + "-");
			String callSpanId = traceparent.split("-")[2];
			await().atMost(Duration.ofSeconds(10)).until(() -> spans.withId(callSpanId) != null);
			assertThat(spans.withId(callSpanId).parentId()).isEqualTo(request.id());
		}
	}

	/** The spans Brave has finished. */
	static class FinishedSpans extends SpanHandler {

		private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			this.spans.add(span);
			return true;
		}

		MutableSpan named(String name) {
			return this.spans.stream().filter((span) -> name.equals(span.name())).findFirst().orElse(null);
		}

		MutableSpan withId(String id) {
			return this.spans.stream().filter((span) -> id.equals(span.id())).findFirst().orElse(null);
		}

	}

	/**
	 * Brave sampling every trace and propagating W3C {@code traceparent}, with the
	 * observation handlers Spring Boot's tracing auto-configuration registers.
	 */
	static class W3cTracing {

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans();
		}

		@Bean(destroyMethod = "close")
		Tracing braveTracing(FinishedSpans finishedSpans) {
			return Tracing.newBuilder()
				.traceId128Bit(true)
				.propagationFactory(new W3CPropagation())
				.sampler(Sampler.ALWAYS_SAMPLE)
				.addSpanHandler(finishedSpans)
				.build();
		}

		@Bean
		BraveTracer braveTracer(Tracing braveTracing) {
			return new BraveTracer(braveTracing.tracer(),
					new BraveCurrentTraceContext(braveTracing.currentTraceContext()));
		}

		/**
		 * The sender's handler first, the default for the rest, as Spring Boot groups
		 * them.
		 */
		@Bean
		ObservationHandler.FirstMatchingCompositeObservationHandler braveTracingHandlers(BraveTracer braveTracer,
				Tracing braveTracing) {
			return new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(braveTracer, new BravePropagator(braveTracing)),
					new DefaultTracingObservationHandler(braveTracer));
		}

	}

}
