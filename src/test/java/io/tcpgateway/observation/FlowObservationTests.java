package io.tcpgateway.observation;

import java.util.List;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's flow, observed by Spring Integration as
 * {@code spring.integration.management.observation-patterns} asks: its channels and
 * handlers are children of the request they work on.
 */
class FlowObservationTests {

	@Test
	void flowsObservedChannelsAndHandlersAreChildrenOfTheRequest() {
		try (RunningGateway gateway = RunningGateway.start(UpperCaseFlow.class, TracedGateway.SAMPLED,
				TracedGateway.OWN_TRACER, "spring.integration.management.observation-patterns=*");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("HELLO");
			SimpleSpan request = TracedGateway.awaitSpans(gateway, "tcp request", 1).get(0);
			assertThat(request.getTags()).containsEntry("handler", "flow").containsEntry("outcome", "replied");
			assertThat(request.getParentId()).isEmpty();
			List<SimpleSpan> integration = TracedGateway.tracer(gateway)
				.getSpans()
				.stream()
				.filter((span) -> span.getTags().containsKey("spring.integration.type"))
				.toList();
			// the request channel's send, and the flow's transformer
			assertThat(integration).extracting(SimpleSpan::getName)
				.anyMatch((name) -> name.contains(TcpGatewayChannels.REQUESTS))
				.anyMatch((name) -> name.contains("upper"));
			assertThat(integration).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(request.getTraceId()));
			assertThat(integration).anySatisfy((span) -> assertThat(span.getParentId()).isEqualTo(request.getSpanId()));
		}
	}

	@Import(TracedGateway.Tracing.class)
	static class UpperCaseFlow {

		@Bean
		IntegrationFlow upperCase() {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
				.transform(Transformers.objectToString())
				.transformWith((endpoint) -> endpoint.<String, String>transformer(String::toUpperCase).id("upper"))
				.get();
		}

	}

}
