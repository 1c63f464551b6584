package io.tcpgateway.observation;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.LogLines;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing, the access log line and the warnings about a connection carry its trace
 * and span ids, as a tracing bridge puts them in the MDC while its observation is
 * current.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceLogLinesTests {

	@Test
	void accessLogLineAndConnectionWarningCarryTheConnectionsTrace(CapturedOutput output) throws IOException {
		try (RunningGateway gateway = RunningGateway.start(MdcTracing.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER, "tcp-gateway.access-log.enabled=true")) {
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				// part of a frame, then a reset: a warning about the connection
				client.sendRaw("incomplete".getBytes());
				await().atMost(Duration.ofSeconds(10))
					.until(() -> gateway.context()
						.getBean(io.tcpgateway.connection.ConnectionRegistry.class)
						.live()
						.stream()
						.anyMatch((connection) -> connection.stats().bytesIn() > 0));
				client.socket().setSoLinger(true, 0);
			}
			SimpleSpan connection = TracedGateway.awaitSpans(gateway, "tcp connection", 1).get(0);
			// Spring Boot's correlation field, as it logs it when tracing is on the class
			// path: [trace id-span id], each padded to its usual width
			String traceId = "[" + connection.getTraceId();
			String spanId = "-" + connection.getSpanId() + "]";
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(LogLines.settled(output).getAll().lines())
					.anyMatch((line) -> line.contains(traceId) && line.contains(spanId)
							&& line.contains("io.tcpgateway.access"))
					.anyMatch((line) -> line.contains(traceId) && line.contains(spanId) && line.contains(" WARN ")
							&& line.contains("inside a frame")));
		}
	}

	/**
	 * Puts the current span's ids in the MDC while an observation is current, as the
	 * tracing bridges' own MDC support does.
	 */
	static class MdcHandler implements ObservationHandler<Observation.Context> {

		@Override
		public void onScopeOpened(Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing != null && tracing.getSpan() != null) {
				TraceContext ids = tracing.getSpan().context();
				MDC.put("traceId", ids.traceId());
				MDC.put("spanId", ids.spanId());
			}
		}

		@Override
		public void onScopeClosed(Observation.Context context) {
			MDC.remove("traceId");
			MDC.remove("spanId");
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	@Import(TracedGateway.Tracing.class)
	static class MdcTracing {

		@Bean
		MdcHandler mdcHandler() {
			return new MdcHandler();
		}

	}

}
