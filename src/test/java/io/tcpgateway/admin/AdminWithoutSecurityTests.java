package io.tcpgateway.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tcpgateway.TcpGatewayApplication;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.testing.HiddenLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host application without Spring Security: the {@code tcpconnections} endpoint, which
 * could list, push to and close every connection, is not there even when exposed, and one
 * line says how to turn it on.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminWithoutSecurityTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void withoutSpringSecurityNoConnectionListAndNoWrite(CapturedOutput output) throws Exception {
		assertNoConnectionListAndNoWrite(HiddenLibraries.SECURITY, output);
	}

	@Test
	void withSpringSecuritysWebFiltersButNoFilterChainNoConnectionListAndNoWrite(CapturedOutput output)
			throws Exception {
		assertNoConnectionListAndNoWrite(HiddenLibraries.SECURITY_CONFIGURATION, output);
	}

	private void assertNoConnectionListAndNoWrite(HiddenLibraries hidden, CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TcpGatewayApplication.class)
			.resourceLoader(new DefaultResourceLoader(hidden))
			.web(WebApplicationType.SERVLET)
			.run("--spring.main.banner-mode=off", "--tcp-gateway.port=0", "--server.port=0",
					"--management.endpoints.web.exposure.include=*")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			// a live connection, which a listing would show
			try (var client = new java.net.Socket("127.0.0.1", context.getBean(GatewayServer.class).port())) {
				client.getOutputStream().write("hello\r\n".getBytes());
				client.setSoTimeout(10_000);
				assertThat(client.getInputStream().readNBytes(7)).asString().isEqualTo("hello\r\n");
				HttpResponse<String> list = send(HttpRequest.newBuilder(actuator(port, "/tcpconnections")).GET());
				assertThat(list.statusCode()).isEqualTo(404);
				assertThat(list.body()).doesNotContain("\"total\"").doesNotContain("remoteAddress");
				HttpResponse<String> links = send(HttpRequest.newBuilder(actuator(port, "")).GET());
				assertThat(links.statusCode()).isEqualTo(200);
				assertThat(links.body()).contains("health").doesNotContain("tcpconnections");
				HttpResponse<String> push = send(HttpRequest.newBuilder(actuator(port, "/tcpconnections/1"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"x\"}")));
				assertThat(push.statusCode()).isEqualTo(404);
				HttpResponse<String> close = send(HttpRequest.newBuilder(actuator(port, "/tcpconnections/1")).DELETE());
				assertThat(close.statusCode()).isEqualTo(404);
			}
		}
		assertThat(output).containsOnlyOnce(TcpGatewayAdminAutoConfiguration.NO_SECURITY_NOTICE);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI actuator(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + "/actuator" + path);
	}

}
