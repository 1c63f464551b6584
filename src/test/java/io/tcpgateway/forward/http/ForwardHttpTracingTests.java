package io.tcpgateway.forward.http;

import java.time.Duration;
import java.util.List;

import brave.handler.MutableSpan;
import io.tcpgateway.forward.http.HttpBackend.Response;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.CollectedSpans;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP bridge calls through Spring Boot's observed {@code RestTemplate}: with a
 * tracer, each call is a client span whose context reaches the service in the request's
 * headers.
 */
class ForwardHttpTracingTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** The core's observation of a request, by its span name. */
	private static final String REQUEST = "tcp request";

	@Test
	void eachCallIsAClientSpanWhoseContextTheServiceReceives() {
		try (HttpBackend backend = HttpBackend.start((request) -> Response.ok("up:" + request.bodyText()));
				RunningGateway gateway = RunningGateway.start(CollectedSpans.Configuration.class,
						CollectedSpans.PROPERTIES, "tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
			CollectedSpans spans = gateway.context().getBean(CollectedSpans.class);
			await().atMost(WAIT).until(() -> !spans.named("http post").isEmpty());
			MutableSpan call = spans.named("http post").get(0);
			// W3C propagation, Spring Boot's default: version-trace id-span id-flags
			String traceparent = backend.received().get(0).header("traceparent");
			assertThat(traceparent).isEqualTo("00-" + call.traceId() + "-" + call.id() + "-01");
			// the call is the child of the request it forwards, the root of its trace
			await().atMost(WAIT).until(() -> !spans.inTrace(call.traceId(), REQUEST).isEmpty());
			MutableSpan request = spans.inTrace(call.traceId(), REQUEST).get(0);
			assertThat(request.tags()).containsEntry("handler", "forward-http");
			assertThat(request.parentId()).isNull();
			assertThat(call.parentId()).isEqualTo(request.id());
		}
	}

}
