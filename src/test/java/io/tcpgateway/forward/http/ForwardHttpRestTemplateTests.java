package io.tcpgateway.forward.http;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge's client comes from Spring Boot's {@code RestTemplateBuilder}: the
 * application's customizers and observations apply to its calls, and without Boot's
 * builder it still calls the service as before.
 */
class ForwardHttpRestTemplateTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void customizerOfTheApplicationAppliesToTheBridgesCalls() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start(HeaderCustomizer.class,
						"tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			assertThat(backend.received().get(0).header("X-Customized")).isEqualTo("by the application");
		}
	}

	@Test
	void bridgesCallsAreObservedAsHttpClientRequests() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			MeterRegistry registry = gateway.context().getBean(MeterRegistry.class);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(
						registry.find("http.client.requests").tag("method", "POST").tag("status", "200").timer())
					.isNotNull()
					.satisfies((timer) -> assertThat(timer.count()).isEqualTo(1)));
		}
	}

	@Test
	void withoutBootsRestTemplateBuilderTheBridgeStillCallsTheService() {
		try (HttpBackend backend = HttpBackend.echoing("plain-");
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"spring.autoconfigure.exclude="
								+ "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(gateway.context().getBeanNamesForType(RestTemplateBuilder.class)).isEmpty();
			assertThat(client.send("hello").receiveString()).isEqualTo("plain-hello");
		}
	}

	/** An application's customizer: a header on every request. */
	static class HeaderCustomizer {

		@Bean
		RestTemplateCustomizer headerCustomizer() {
			return (restTemplate) -> restTemplate.getInterceptors().add((request, body, execution) -> {
				request.getHeaders().set("X-Customized", "by the application");
				return execution.execute(request, body);
			});
		}

	}

}
