package io.tcpgateway.health;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness tells the truth: an event loop stuck in a handler that should not block makes
 * it DOWN, naming the loop and where it is stuck, and UP again once the loop runs.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tcp-gateway.port=0", "tcp-gateway.selector.event-loops=1",
				"tcp-gateway.selector.stall-timeout=2s", ActuatorHttp.ADMIN_NAME_PROPERTY,
				ActuatorHttp.ADMIN_PASSWORD_PROPERTY, ActuatorHttp.ADMIN_ROLES_PROPERTY })
class EventLoopStallTests {

	private static final CountDownLatch release = new CountDownLatch(1);

	@LocalServerPort
	private int httpPort;

	@Autowired
	private AbstractServerConnectionFactory connectionFactory;

	@Test
	void livenessIsDownWhileAnEventLoopIsStuckAndUpWhenItRunsAgain(CapturedOutput output) throws Exception {
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		try (TcpTestConnection client = TcpTestConnection.open(this.connectionFactory.getPort(), Framing.CRLF)) {
			client.send("stall");
			HttpResponse<String> down = await().atMost(Duration.ofSeconds(10))
				.until(() -> get("/actuator/health/liveness"), (response) -> response.statusCode() == 503);
			String stalled = "$.components.tcpGatewayEventLoops.details.stalled[0]";
			assertThat(JsonPath.parse(down.body()).read(stalled + ".thread", String.class))
				.isEqualTo("tcp-gateway-loop-0");
			assertThat(JsonPath.parse(down.body()).read(stalled + ".at", String[].class))
				.anySatisfy((frame) -> assertThat(frame).contains(EventLoopStallTests.class.getName()));
			// and the sweeper says so once, with where the loop is
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().contains("Event loop tcp-gateway-loop-0 has not completed a pass for"));
			assertThat(settled(output).getOut()).contains(EventLoopStallTests.class.getName() + "$Handler");

			release.countDown();
			assertThat(client.receiveString()).isEqualTo("stall");
			await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/liveness").statusCode() == 200);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.contains("Event loop tcp-gateway-loop-0 is serving its connections again"));
		}
		finally {
			release.countDown();
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		// the details (which loop, where) show to a signed-in user only
		return ActuatorHttp.asAdmin(this.httpPort).get(path);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handler {

		/** Echoes, but holds the event loop it runs on while a request says "stall". */
		@Bean
		TcpMessageHandler stallingEcho() {
			return new TcpMessageHandler() {

				@Override
				public void handle(TcpRequest request, ReplySink replies) throws InterruptedException {
					if (new String(request.payload(), StandardCharsets.US_ASCII).equals("stall")) {
						release.await(30, TimeUnit.SECONDS);
					}
					replies.send(request.payload());
				}

				@Override
				public boolean isBlocking() {
					return false;
				}

			};
		}

	}

}
