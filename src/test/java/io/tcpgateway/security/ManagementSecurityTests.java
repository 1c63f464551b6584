package io.tcpgateway.security;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator of a started gateway over real HTTP: who may read, push, close and change
 * loggers, what anonymous callers still see, and that a client is untouched by every
 * refused request.
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagementSecurityTests {

	private static RunningGateway gateway;

	@BeforeAll
	static void start() {
		gateway = RunningGateway.startWithActuator(ActuatorHttp.ADMIN_PROPERTIES);
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void anonymousCannotListPushCloseOrChangeLoggersAndTheClientIsUntouched() throws Exception {
		ActuatorHttp anonymous = new ActuatorHttp(gateway.httpPort());
		try (TcpTestConnection client = connect(gateway)) {
			String id = idOf(gateway, client);
			assertThat(anonymous.get("/actuator/tcpconnections").statusCode()).isEqualTo(401);
			assertThat(anonymous.get("/actuator/tcpconnections/" + id).statusCode()).isEqualTo(401);
			assertThat(
					anonymous.send("POST", "/actuator/tcpconnections/" + id, "{\"payload\":\"injected\"}").statusCode())
				.isEqualTo(401);
			assertThat(anonymous.send("DELETE", "/actuator/tcpconnections/" + id, null).statusCode()).isEqualTo(401);
			assertThat(anonymous
				.send("POST", "/actuator/loggers/" + WireLog.LOGGER_NAME, "{\"configuredLevel\":\"TRACE\"}")
				.statusCode()).isEqualTo(401);
			assertThat(anonymous.get("/actuator/loggers").statusCode()).isEqualTo(401);
			assertThat(anonymous.get("/actuator/integrationgraph").statusCode()).isEqualTo(401);
			// the first thing the client reads is its own echo: nothing was pushed, and
			// it
			// is still open
			assertThat(client.echoes("still here")).isTrue();
		}
		assertThat(gateway.context().getEnvironment().getProperty("logging.level.io.tcpgateway.wire")).isNull();
	}

	@Test
	void wrongPasswordOrUnknownUserIsRefusedAndCounted() throws Exception {
		int port = gateway.httpPort();
		double before = failures(gateway);
		HttpResponse<String> wrongPassword = ActuatorHttp.as(port, ActuatorHttp.ADMIN, "guess")
			.get("/actuator/tcpconnections");
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(wrongPassword.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(ActuatorHttp.as(port, "nobody", ActuatorHttp.ADMIN_PASSWORD)
			.send("DELETE", "/actuator/tcpconnections/x", null)
			.statusCode()).isEqualTo(401);
		assertThat(failures(gateway) - before).isEqualTo(2);
	}

	@Test
	void adminListsPushesClosesAndChangesLoggersEachAudited(CapturedOutput output) throws Exception {
		ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
		try (TcpTestConnection client = connect(gateway)) {
			String id = idOf(gateway, client);
			assertThat(admin.send("POST", "/actuator/tcpconnections/" + id, "{\"payload\":\"secret-payload\"}")
				.statusCode()).isEqualTo(200);
			assertThat(client.receiveString()).isEqualTo("secret-payload");
			String loggerPath = "/actuator/loggers/" + WireLog.LOGGER_NAME;
			assertThat(admin.send("POST", loggerPath, "{\"configuredLevel\":\"DEBUG\"}").statusCode()).isEqualTo(204);
			assertThat(admin.send("POST", loggerPath, "{\"configuredLevel\":null}").statusCode()).isEqualTo(204);
			assertThat(admin.send("DELETE", "/actuator/tcpconnections/" + id, null).statusCode()).isEqualTo(204);
			assertThat(client.awaitClosed()).isTrue();
		}
		List<String> audit = settled(output).getOut()
			.lines()
			.filter((line) -> line.contains("io.tcpgateway.audit") || line.contains("user=\"ops\""))
			.toList();
		assertThat(audit).anySatisfy((line) -> assertThat(line).contains("user=\"ops\" action=push")
			.contains("bytes=14")
			.contains("status=200"));
		assertThat(audit)
			.anySatisfy((line) -> assertThat(line).contains("user=\"ops\" action=close").contains("status=204"));
		assertThat(audit).anySatisfy((line) -> assertThat(line).contains("user=\"ops\" action=loggers.write")
			.contains("name=\"" + WireLog.LOGGER_NAME + "\"")
			.contains("configuredLevel=\"DEBUG\""));
		assertThat(settled(output).getOut()).doesNotContain("secret-payload");
	}

	@Test
	void aLineBreakInAConnectionIdIsRefusedBeforeItReachesTheAudit(CapturedOutput output) throws Exception {
		ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
		assertThat(admin.send("DELETE", "/actuator/tcpconnections/x%0D%0Auser=forged", null).statusCode())
			.isEqualTo(400);
		assertThat(settled(output).getOut()).doesNotContain("forged");
	}

	@Test
	void pushLargerThanMaxMessageSizeIsRefusedAndNothingIsDelivered() throws Exception {
		ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
		try (TcpTestConnection client = connect(gateway)) {
			String id = idOf(gateway, client);
			String tooLarge = Base64.getEncoder().encodeToString(new byte[64 * 1024 + 1]);
			HttpResponse<String> refused = admin.send("POST", "/actuator/tcpconnections/" + id,
					"{\"base64\":\"" + tooLarge + "\"}");
			assertThat(refused.statusCode()).isEqualTo(413);
			assertThat(refused.body()).contains("tcp-gateway.max-message-size");
			assertThat(client.echoes("nothing before this")).isTrue();
		}
	}

	@Test
	void healthShowsOnlyItsStatusToAnonymousAndDetailsToAUser() throws Exception {
		ActuatorHttp anonymous = new ActuatorHttp(gateway.httpPort());
		HttpResponse<String> health = anonymous.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(health.body()).read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.body()).doesNotContain("components").doesNotContain("tcpGateway");
		assertThat(anonymous.get("/actuator/health/tcpGateway").statusCode()).isEqualTo(404);
		assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(ActuatorHttp.asAdmin(gateway.httpPort()).get("/actuator/health").body()).contains("tcpGateway");
	}

	@Test
	void viewerListsButCannotPushCloseOrChangeLoggers() throws Exception {
		try (RunningGateway viewerGateway = RunningGateway.startWithActuator("spring.security.user.name=watch",
				"spring.security.user.password=watch-secret", "spring.security.user.roles=TCP_GATEWAY_VIEWER");
				TcpTestConnection client = connect(viewerGateway)) {
			ActuatorHttp viewer = ActuatorHttp.as(viewerGateway.httpPort(), "watch", "watch-secret");
			String id = idOf(viewer, client);
			assertThat(viewer.get("/actuator/tcpconnections/" + id).statusCode()).isEqualTo(200);
			assertThat(viewer.get("/actuator/loggers").statusCode()).isEqualTo(200);
			assertThat(viewer.send("POST", "/actuator/tcpconnections/" + id, "{\"payload\":\"injected\"}").statusCode())
				.isEqualTo(403);
			assertThat(viewer.send("DELETE", "/actuator/tcpconnections/" + id, null).statusCode()).isEqualTo(403);
			assertThat(
					viewer.send("POST", "/actuator/loggers/" + WireLog.LOGGER_NAME, "{\"configuredLevel\":\"TRACE\"}")
						.statusCode())
				.isEqualTo(403);
			assertThat(client.echoes("still here")).isTrue();
		}
	}

	@Test
	void aHashedPasswordSignsInOnlyWithThePasswordNeverWithTheHash() throws Exception {
		String hash = "{pbkdf2@SpringSecurity_v5_8}"
				+ org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()
					.encode("hashed-secret");
		try (RunningGateway hashed = RunningGateway.startWithActuator(ActuatorHttp.ADMIN_NAME_PROPERTY,
				"spring.security.user.password=" + hash, ActuatorHttp.ADMIN_ROLES_PROPERTY)) {
			int port = hashed.httpPort();
			assertThat(ActuatorHttp.as(port, ActuatorHttp.ADMIN, "hashed-secret")
				.get("/actuator/tcpconnections")
				.statusCode()).isEqualTo(200);
			assertThat(ActuatorHttp.as(port, ActuatorHttp.ADMIN, hash).get("/actuator/tcpconnections").statusCode())
				.isEqualTo(401);
		}
	}

	@Test
	void aGeneratedPasswordOpensNothingEvenWithTheAdminRoleSet() throws Exception {
		// the shipped Kubernetes Secret: an empty password, and the admin role
		try (RunningGateway generated = RunningGateway.startWithActuator(ActuatorHttp.ADMIN_NAME_PROPERTY,
				"spring.security.user.password=", ActuatorHttp.ADMIN_ROLES_PROPERTY)) {
			SecurityProperties.User user = generated.context().getBean(SecurityProperties.class).getUser();
			assertThat(user.isPasswordGenerated()).isTrue();
			ActuatorHttp withGenerated = ActuatorHttp.as(generated.httpPort(), ActuatorHttp.ADMIN, user.getPassword());
			assertThat(withGenerated.get("/actuator/tcpconnections").statusCode()).isEqualTo(403);
			assertThat(withGenerated.send("DELETE", "/actuator/tcpconnections/x", null).statusCode()).isEqualTo(403);
			assertThat(ActuatorHttp.as(generated.httpPort(), ActuatorHttp.ADMIN, "")
				.get("/actuator/tcpconnections")
				.statusCode()).isEqualTo(401);
		}
	}

	@Test
	void dumpsTheEnvironmentAndConfigurationPropertiesAreForAnAdminOnly() throws Exception {
		try (RunningGateway exposed = RunningGateway.startWithActuator("spring.security.user.name=watch",
				"spring.security.user.password=watch-secret", "spring.security.user.roles=TCP_GATEWAY_VIEWER",
				"management.endpoints.web.exposure.include=health,loggers,heapdump,threaddump,env,configprops",
				// off by default
				"management.endpoint.heapdump.access=unrestricted")) {
			ActuatorHttp viewer = ActuatorHttp.as(exposed.httpPort(), "watch", "watch-secret");
			assertThat(viewer.get("/actuator/loggers").statusCode()).isEqualTo(200);
			for (String endpoint : List.of("heapdump", "threaddump", "env", "configprops")) {
				assertThat(viewer.get("/actuator/" + endpoint).statusCode()).as(endpoint).isEqualTo(403);
				assertThat(viewer.send("HEAD", "/actuator/" + endpoint, null).statusCode()).as(endpoint).isEqualTo(403);
			}
		}
		try (RunningGateway exposed = RunningGateway
			.startWithActuator(withAdmin("management.endpoints.web.exposure.include=health,threaddump"))) {
			assertThat(ActuatorHttp.asAdmin(exposed.httpPort()).get("/actuator/threaddump").statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void prometheusNeedsCredentialsWhenClosed() throws Exception {
		try (RunningGateway closed = RunningGateway
			.startWithActuator(withAdmin("tcp-gateway.security.prometheus-open=false"))) {
			assertThat(new ActuatorHttp(closed.httpPort()).get("/actuator/prometheus").statusCode()).isEqualTo(401);
			assertThat(ActuatorHttp.asAdmin(closed.httpPort()).get("/actuator/prometheus").statusCode()).isEqualTo(200);
			assertThat(new ActuatorHttp(closed.httpPort()).get("/actuator/health").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void anApplicationsOwnSecurityFilterChainTakesOver() throws Exception {
		try (RunningGateway own = RunningGateway.startWithActuator(OpenSecurity.class, ActuatorHttp.ADMIN_PROPERTIES)) {
			assertThat(own.context().getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("openSecurity");
			assertThat(new ActuatorHttp(own.httpPort()).get("/actuator/tcpconnections").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void bodiesLargerThanTheBoundAreRefusedBeforeAuthentication() throws Exception {
		ActuatorHttp anonymous = new ActuatorHttp(gateway.httpPort());
		long bound = gateway.context().getBean(ManagementBodyLimit.class).maxBytes();
		String large = "{\"payload\":\"" + "a".repeat((int) bound) + "\"}";
		assertThat(anonymous.send("POST", "/actuator/tcpconnections/x", large).statusCode()).isEqualTo(413);
		assertThat(
				ActuatorHttp.asAdmin(gateway.httpPort()).send("POST", "/actuator/tcpconnections/x", large).statusCode())
			.isEqualTo(413);
	}

	@Test
	void aChunkedBodyFailsAtTheBoundAndNothingIsDelivered() throws Exception {
		ActuatorHttp admin = ActuatorHttp.asAdmin(gateway.httpPort());
		long bound = gateway.context().getBean(ManagementBodyLimit.class).maxBytes();
		try (TcpTestConnection client = connect(gateway)) {
			String id = idOf(gateway, client);
			byte[] large = ("{\"payload\":\"" + "a".repeat((int) bound) + "\"}").getBytes();
			// an input stream of unknown length is sent chunked, without Content-Length
			HttpResponse<String> refused = admin.sendBody("POST", "/actuator/tcpconnections/" + id,
					java.net.http.HttpRequest.BodyPublishers
						.ofInputStream(() -> new java.io.ByteArrayInputStream(large)));
			assertThat(refused.statusCode()).isBetween(400, 499);
			assertThat(client.echoes("nothing before this")).isTrue();
		}
	}

	@Test
	void aChunkedMultipartOrFormBodyIsRefusedBeforeAnythingParsesIt() throws Exception {
		ActuatorHttp anonymous = new ActuatorHttp(gateway.httpPort());
		long bound = gateway.context().getBean(ManagementBodyLimit.class).maxBytes();
		byte[] multipart = ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + "a".repeat((int) bound + 1)
				+ "\r\n--b--\r\n")
			.getBytes();
		// chunked, so no Content-Length for the 413 check: the container would parse
		// the parts from the connection, past the bounded stream
		HttpResponse<String> refused = anonymous.sendBody("POST", "/actuator/health", "multipart/form-data; boundary=b",
				java.net.http.HttpRequest.BodyPublishers
					.ofInputStream(() -> new java.io.ByteArrayInputStream(multipart)));
		assertThat(refused.statusCode()).isEqualTo(415);
		HttpResponse<String> form = ActuatorHttp.asAdmin(gateway.httpPort())
			.sendBody("POST", "/actuator/loggers/" + WireLog.LOGGER_NAME, "Application/X-WWW-Form-Urlencoded",
					java.net.http.HttpRequest.BodyPublishers.ofString("configuredLevel=TRACE"));
		assertThat(form.statusCode()).isEqualTo(415);
		assertThat(gateway.context().getEnvironment().getProperty("logging.level.io.tcpgateway.wire")).isNull();
	}

	@Test
	void healthAndPrometheusAreOpenForReadsOnly() throws Exception {
		ActuatorHttp anonymous = new ActuatorHttp(gateway.httpPort());
		assertThat(anonymous.send("HEAD", "/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(anonymous.send("POST", "/actuator/health", "{}").statusCode()).isEqualTo(401);
		assertThat(anonymous.send("POST", "/actuator/prometheus", "{}").statusCode()).isEqualTo(401);
		assertThat(anonymous.send("DELETE", "/actuator/health/liveness", null).statusCode()).isEqualTo(401);
	}

	@Test
	void actuatorUnderAServletPathIsBoundedAlike() throws Exception {
		try (RunningGateway api = RunningGateway.startWithActuator(withAdmin("spring.mvc.servlet.path=/api"))) {
			ActuatorHttp anonymous = new ActuatorHttp(api.httpPort());
			assertThat(anonymous.get("/api/actuator/health").statusCode()).isEqualTo(200);
			long bound = api.context().getBean(ManagementBodyLimit.class).maxBytes();
			String large = "{\"payload\":\"" + "a".repeat((int) bound) + "\"}";
			assertThat(anonymous.send("POST", "/api/actuator/tcpconnections/x", large).statusCode()).isEqualTo(413);
			assertThat(anonymous
				.sendBody("POST", "/api/actuator/health", "multipart/form-data; boundary=b",
						java.net.http.HttpRequest.BodyPublishers.ofString("--b--\r\n"))
				.statusCode()).isEqualTo(415);
		}
	}

	@Test
	void aManagementPortOfItsOwnIsSecuredAndBoundedAlike() throws Exception {
		try (RunningGateway separate = RunningGateway.startWithActuator(withAdmin("management.server.port=0"))) {
			int port = separate.context().getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			ActuatorHttp anonymous = new ActuatorHttp(port);
			assertThat(anonymous.get("/actuator/tcpconnections").statusCode()).isEqualTo(401);
			assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(ActuatorHttp.asAdmin(port).get("/actuator/tcpconnections").statusCode()).isEqualTo(200);
			long bound = separate.context().getBean(ManagementBodyLimit.class).maxBytes();
			String large = "{\"payload\":\"" + "a".repeat((int) bound) + "\"}";
			assertThat(anonymous.send("POST", "/actuator/tcpconnections/x", large).statusCode()).isEqualTo(413);
			// bounded on the management server only
			assertThat(separate.context().containsBean("tcpGatewayRequestBodyLimitFilter")).isFalse();
		}
	}

	@Test
	void anApplicationsOwnPagesAreSecuredAsSpringBootsDefaultSecuresThem() throws Exception {
		// the gateway's chain for Actuator makes Spring Boot's default chain back off;
		// the gateway's fallback chain takes its place, so adding the gateway opens no
		// page
		try (RunningGateway host = RunningGateway.startWithActuator(HostPages.class, ActuatorHttp.ADMIN_PROPERTIES)) {
			ActuatorHttp anonymous = new ActuatorHttp(host.httpPort());
			assertThat(anonymous.get("/hello").statusCode()).isEqualTo(401);
			ActuatorHttp user = ActuatorHttp.asAdmin(host.httpPort());
			HttpResponse<String> page = user.get("/hello");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).isEqualTo("hello");
			// the management endpoints' bound on bodies is not applied to the host's
			// pages
			assertThat(user
				.sendBody("GET", "/hello", "application/x-www-form-urlencoded",
						java.net.http.HttpRequest.BodyPublishers.noBody())
				.statusCode()).isEqualTo(200);
			assertThat(anonymous.get("/actuator/tcpconnections").statusCode()).isEqualTo(401);
		}
	}

	private static String[] withAdmin(String property) {
		String[] properties = java.util.Arrays.copyOf(ActuatorHttp.ADMIN_PROPERTIES,
				ActuatorHttp.ADMIN_PROPERTIES.length + 1);
		properties[properties.length - 1] = property;
		return properties;
	}

	private static double failures(RunningGateway gateway) {
		return Meters.count(gateway.context().getBean(MeterRegistry.class), AuthenticationFailureMeter.AUTH_FAILURES);
	}

	private static TcpTestConnection connect(RunningGateway gateway) {
		TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
		assertThat(client.echoes("hello")).isTrue();
		return client;
	}

	private static String idOf(RunningGateway gateway, TcpTestConnection client) throws Exception {
		return idOf(ActuatorHttp.asAdmin(gateway.httpPort()), client);
	}

	private static String idOf(ActuatorHttp http, TcpTestConnection client) throws Exception {
		HttpResponse<String> listing = http.get("/actuator/tcpconnections");
		assertThat(listing.statusCode()).isEqualTo(200);
		List<String> ids = JsonPath.parse(listing.body())
			.read("$.connections[?(@.remotePort == " + client.socket().getLocalPort() + ")].id");
		assertThat(ids).hasSize(1);
		return ids.get(0);
	}

	/**
	 * An application's own web page (a router function: an annotated controller would be
	 * found by the application's component scan in every test).
	 */
	static class HostPages {

		@Bean
		RouterFunction<ServerResponse> hello() {
			return RouterFunctions.route().GET("/hello", (request) -> ServerResponse.ok().body("hello")).build();
		}

	}

	/**
	 * An application's own security: everything open.
	 */
	static class OpenSecurity {

		@Bean
		SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
