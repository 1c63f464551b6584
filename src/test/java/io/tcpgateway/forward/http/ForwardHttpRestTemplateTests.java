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
import org.springframework.http.client.BufferingClientHttpRequestFactory;

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

	/**
	 * A customizer that buffers responses whole would read one far over the bound before
	 * the bridge's reader could stop it: the bridge's own request factory is put back,
	 * and the service's write stops once the gateway stops reading.
	 */
	@Test
	void customizerThatReplacesTheRequestFactoryDoesNotLiftTheResponseBound() {
		long size = 48L * 1024 * 1024;
		try (HttpBackend backend = HttpBackend.start((request) -> request.bodyText().equals("HUGE")
				? HttpBackend.Response.generated(size, false) : HttpBackend.Response.ok(request.bodyText()));
				RunningGateway gateway = RunningGateway.start(BufferingCustomizer.class,
						"tcp-gateway.forward.http.url=" + backend.url(), "tcp-gateway.max-message-size=64KB",
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=TOO_LARGE");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("HUGE").receiveString()).isEqualTo("TOO_LARGE");
			assertThat(client.send("next").receiveString()).isEqualTo("next");
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "too-large")).isEqualTo(1);
			// the service's write fails once the gateway has closed the connection
			await().atMost(WAIT).until(() -> backend.answered() == 2);
			assertThat(backend.generatedBytesWritten()).isLessThan(size / 2);
		}
	}

	@Test
	void twoRestTemplateBuildersOfTheApplicationDoNotFailStartup() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start(TwoBuilders.class,
						"tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
		}
	}

	/** An application's customizer that buffers every response whole. */
	static class BufferingCustomizer {

		@Bean
		RestTemplateCustomizer bufferingCustomizer() {
			return (restTemplate) -> restTemplate
				.setRequestFactory(new BufferingClientHttpRequestFactory(restTemplate.getRequestFactory()));
		}

	}

	/** An application with two builders of its own. */
	static class TwoBuilders {

		@Bean
		RestTemplateBuilder firstBuilder() {
			return new RestTemplateBuilder();
		}

		@Bean
		RestTemplateBuilder secondBuilder() {
			return new RestTemplateBuilder();
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
