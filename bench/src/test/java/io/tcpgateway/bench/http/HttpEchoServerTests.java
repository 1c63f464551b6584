package io.tcpgateway.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP echo server on a free port of 127.0.0.1, driven by the JDK's client.
 */
class HttpEchoServerTests {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void answersEachPostWithItsBodyOnOneKeptAliveConnection() throws Exception {
		try (HttpEchoServer server = HttpEchoServer.start(0, 2)) {
			for (int i = 0; i < 20; i++) {
				String body = "frame " + i;
				HttpResponse<String> response = send(server, "POST", body);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(body);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
			}
		}
	}

	@Test
	void answersAnEmptyPostWithAnEmpty200() throws Exception {
		try (HttpEchoServer server = HttpEchoServer.start(0, 1)) {
			HttpResponse<String> response = send(server, "POST", "");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEmpty();
		}
	}

	@Test
	void refusesOtherMethods() throws Exception {
		try (HttpEchoServer server = HttpEchoServer.start(0, 1)) {
			assertThat(send(server, "PUT", "x").statusCode()).isEqualTo(405);
		}
	}

	private HttpResponse<String> send(HttpEchoServer server, String method, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/frames"))
			.timeout(Duration.ofSeconds(5))
			.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
