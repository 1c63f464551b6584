package io.tcpgateway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Real HTTP to a gateway's Actuator on 127.0.0.1, every request bounded in time.
 */
public final class ActuatorHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	public ActuatorHttp(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send("GET", path, null);
	}

	/**
	 * @param json the request body, or {@code null} for none
	 */
	public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build();
		return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
