package io.tcpgateway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Real HTTP to a gateway's Actuator on 127.0.0.1, every request bounded in time, without
 * credentials or as one user over HTTP Basic.
 */
public final class ActuatorHttp {

	/** The user name the tests' gateways are given ({@link #ADMIN_PROPERTIES}). */
	public static final String ADMIN = "ops";

	/** The password the tests' gateways are given. */
	public static final String ADMIN_PASSWORD = "test-secret";

	/**
	 * The property naming the user {@link #asAdmin(int)} sends, a constant for
	 * annotations.
	 */
	public static final String ADMIN_NAME_PROPERTY = "spring.security.user.name=" + ADMIN;

	/** The property giving that user's password. */
	public static final String ADMIN_PASSWORD_PROPERTY = "spring.security.user.password=" + ADMIN_PASSWORD;

	/** The property giving that user role {@code TCP_GATEWAY_ADMIN}. */
	public static final String ADMIN_ROLES_PROPERTY = "spring.security.user.roles=TCP_GATEWAY_ADMIN";

	/**
	 * Properties that give a gateway one user with role {@code TCP_GATEWAY_ADMIN}, the
	 * one {@link #asAdmin(int)} sends.
	 */
	public static final String[] ADMIN_PROPERTIES = { ADMIN_NAME_PROPERTY, ADMIN_PASSWORD_PROPERTY,
			ADMIN_ROLES_PROPERTY };

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	/** The {@code Authorization} header, or {@code null} for none. */
	private final String authorization;

	/**
	 * Without credentials.
	 */
	public ActuatorHttp(int port) {
		this(port, null);
	}

	private ActuatorHttp(int port, String authorization) {
		this.port = port;
		this.authorization = authorization;
	}

	/**
	 * As the given user, over HTTP Basic.
	 */
	public static ActuatorHttp as(int port, String user, String password) {
		String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new ActuatorHttp(port, "Basic " + token);
	}

	/**
	 * As the admin user of {@link #ADMIN_PROPERTIES}.
	 */
	public static ActuatorHttp asAdmin(int port) {
		return as(port, ADMIN, ADMIN_PASSWORD);
	}

	/**
	 * Command-line arguments that give a gateway process the user of
	 * {@link #ADMIN_PROPERTIES}.
	 */
	public static String[] adminArguments() {
		String[] args = new String[ADMIN_PROPERTIES.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = "--" + ADMIN_PROPERTIES[i];
		}
		return args;
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send("GET", path, null);
	}

	/**
	 * @param json the request body, or {@code null} for none
	 */
	public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
		return sendBody(method, path,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
	}

	/**
	 * @param body the request body, sent as JSON
	 */
	public HttpResponse<String> sendBody(String method, String path, HttpRequest.BodyPublisher body)
			throws IOException, InterruptedException {
		return sendBody(method, path, "application/json", body);
	}

	/**
	 * @param contentType the request's {@code Content-Type}
	 * @param body the request body
	 */
	public HttpResponse<String> sendBody(String method, String path, String contentType, HttpRequest.BodyPublisher body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.method(method, body);
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
