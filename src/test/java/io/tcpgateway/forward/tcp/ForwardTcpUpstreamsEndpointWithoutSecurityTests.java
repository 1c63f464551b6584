package io.tcpgateway.forward.tcp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.TcpGatewayApplication;
import io.tcpgateway.testing.HiddenLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host application without Spring Security: the {@code tcpupstreams} endpoint, which
 * drains upstreams, is not there at all, even with every endpoint exposed.
 */
@Timeout(120)
class ForwardTcpUpstreamsEndpointWithoutSecurityTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void withoutSpringSecurityNoUpstreamListAndNoDrain() throws Exception {
		List<ScriptedUpstream> upstreams = ForwardTcpUpstreamsTests.start("a");
		String a = upstreams.get(0).key();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TcpGatewayApplication.class)
			.resourceLoader(new DefaultResourceLoader(HiddenLibraries.SECURITY))
			.web(WebApplicationType.SERVLET)
			.run("--spring.main.banner-mode=off", "--tcp-gateway.port=0", "--server.port=0",
					"--tcp-gateway.forward.tcp.upstreams=" + a, "--tcp-gateway.forward.tcp.framing=length-header-2",
					"--management.endpoints.web.exposure.include=*")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> list = send(HttpRequest.newBuilder(actuator(port, "/tcpupstreams")).GET());
			assertThat(list.statusCode()).isEqualTo(404);
			HttpResponse<String> links = send(HttpRequest.newBuilder(actuator(port, "")).GET());
			assertThat(links.statusCode()).isEqualTo(200);
			assertThat(links.body()).contains("health").doesNotContain("tcpupstreams");
			HttpResponse<String> drain = send(HttpRequest.newBuilder(actuator(port, "/tcpupstreams/" + a))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"drain\"}")));
			assertThat(drain.statusCode()).isEqualTo(404);
			assertThat(context.getBean(Upstreams.class).find(a).isDraining()).isFalse();
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI actuator(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + "/actuator" + path);
	}

}
