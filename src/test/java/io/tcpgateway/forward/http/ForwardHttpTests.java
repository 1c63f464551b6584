package io.tcpgateway.forward.http;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.forward.http.HttpBackend.Response;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Lines;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The bridge to an HTTP service over real sockets, against a real HTTP server: each frame
 * POSTed with where it came from, replies in request order however the service's answers
 * interleave, no reply for an empty body, the on-error policy for a failed call, and the
 * gateway-wide limit on calls open at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardHttpTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void pipelinedFramesAreAnsweredInOrderWhileSeveralAreAtTheServiceAtOnce() {
		try (HttpBackend backend = HttpBackend.start((request) -> {
			Thread.sleep(ThreadLocalRandom.current().nextInt(20));
			return Response.ok("reply-" + request.bodyText());
		});
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.sendRaw(Lines.numbered(0, 200));
			List<String> replies = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				replies.add(client.receiveString());
			}
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				expected.add("reply-line-" + i);
			}
			assertThat(replies).containsExactlyElementsOf(expected);
			assertThat(backend.mostAtOnce()).as("requests of one connection at the service at once").isGreaterThan(1);
		}
	}

	@Test
	void requestCarriesTheFrameItsContentTypeAndWhereItCameFrom() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection first = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection second = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(first.send("hello").receiveString()).isEqualTo("hello");
			assertThat(second.send("again").receiveString()).isEqualTo("again");
			HttpBackend.Request request = backend.received().get(0);
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");
			assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
			assertThat(request.header("X-Tcp-Remote-Port")).isEqualTo(String.valueOf(first.socket().getLocalPort()));
			assertThat(request.header("X-Tcp-Connection-Id")).isNotBlank()
				.isNotEqualTo(backend.received().get(1).header("X-Tcp-Connection-Id"));
			assertThat(request.headers()).doesNotContainKeys("Ip_connectionid", "Replychannel");
		}
	}

	@Test
	void contentTypeIsConfigurable() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.forward.http.content-type=text/plain;charset=UTF-8");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("hello");
			assertThat(backend.received().get(0).header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
		}
	}

	@Test
	void behindAProxyHeaderTheServiceIsToldTheClientItNames() {
		try (HttpBackend backend = HttpBackend.echoing("");
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.proxy-protocol.mode=v1", "tcp-gateway.proxy-protocol.trusted-proxies=127.0.0.0/8");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.sendRaw(Lines.ascii("PROXY TCP4 203.0.113.7 10.0.0.1 56324 9000\r\nhello\r\n"));
			assertThat(client.receiveString()).isEqualTo("hello");
			HttpBackend.Request request = backend.received().get(0);
			assertThat(request.header("X-Forwarded-For")).isEqualTo("203.0.113.7");
			assertThat(request.header("X-Tcp-Remote-Port")).isEqualTo("56324");
		}
	}

	@Test
	void responseWithoutABodyIsNoReplyAndTheNextRepliesStillCome() {
		try (HttpBackend backend = HttpBackend.start((request) -> switch (request.bodyText()) {
			case "NO_CONTENT" -> Response.empty(204);
			case "EMPTY" -> Response.empty(200);
			default -> Response.ok(request.bodyText());
		});
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("NO_CONTENT", "first", "EMPTY", "second");
			assertThat(client.receiveString()).isEqualTo("first");
			assertThat(client.receiveString()).isEqualTo("second");
			assertThat(backend.received()).hasSize(4);
		}
	}

	@Test
	void statusOtherThan2xxClosesTheConnectionCountedAndWarnedWithTheUrlAndStatus(CapturedOutput output) {
		try (HttpBackend backend = HttpBackend.start((request) -> Response.status(500));
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url());
				TcpTestConnection failing = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			failing.send("hello");
			assertThat(failing.awaitClosed()).isTrue();
			await().atMost(WAIT).until(() -> gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "status") == 1);
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "connect")).isZero();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output).containsPattern("WARN .*" + backend.url() + ".*status 500"));
		}
	}

	@Test
	void statusOtherThan2xxIsAnsweredWithTheErrorReplyWhenOnErrorIsReply() {
		try (HttpBackend backend = HttpBackend.start((request) -> request.bodyText().equals("FAIL")
				? Response.status(503) : Response.ok(request.bodyText()));
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=UNAVAILABLE");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("FAIL", "ok", "FAIL", "still ok");
			assertThat(List.of(client.receiveString(), client.receiveString(), client.receiveString(),
					client.receiveString()))
				.containsExactly("UNAVAILABLE", "ok", "UNAVAILABLE", "still ok");
			await().atMost(WAIT).until(() -> gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "status") == 2);
		}
	}

	@Test
	void serviceTooSlowToAnswerTimesOutAsOnErrorSays() {
		CountDownLatch released = new CountDownLatch(1);
		try (HttpBackend backend = HttpBackend.start((request) -> {
			if (request.bodyText().equals("SLOW")) {
				released.await(10, TimeUnit.SECONDS);
			}
			return Response.ok(request.bodyText());
		});
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.forward.http.timeout=300ms", "tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("SLOW", "quick");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			assertThat(client.receiveString()).isEqualTo("quick");
			await().atMost(WAIT).until(() -> gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "timeout") == 1);
		}
		finally {
			released.countDown();
		}
	}

	@Test
	void serviceNotListeningFailsEachRequestAsOnErrorSaysCountedAndWarned(CapturedOutput output) throws Exception {
		String url;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			url = "http://127.0.0.1:" + closed.getLocalPort() + "/frames";
		}
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + url,
				"tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("one", "two");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			assertThat(client.receiveString()).isEqualTo("ERROR");
			await().atMost(WAIT).until(() -> gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "connect") == 2);
			assertThat(settled(output)).containsPattern("WARN .*" + url + ".*connect");
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void slowServiceNeverHasMoreThanMaxConcurrencyRequestsAndEveryReplyArrivesInOrder(IoMode ioMode) {
		try (HttpBackend backend = HttpBackend.start((request) -> {
			Thread.sleep(20);
			return Response.ok("reply-" + request.bodyText());
		});
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.forward.http.max-concurrency=2",
						"tcp-gateway.io-mode=" + ioMode.name().toLowerCase(), "tcp-gateway.selector.read-delay=10ms")) {
			List<TcpTestConnection> clients = new ArrayList<>();
			try {
				for (int c = 0; c < 3; c++) {
					TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					clients.add(client);
					client.sendRaw(Lines.numbered(0, 10));
				}
				for (TcpTestConnection client : clients) {
					for (int i = 0; i < 10; i++) {
						assertThat(client.receiveString()).isEqualTo("reply-line-" + i);
					}
				}
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
			assertThat(backend.received()).hasSize(30);
			assertThat(backend.mostAtOnce()).isBetween(1, 2);
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void whileMaxConcurrencyRequestsAreOpenNoConnectionIsRead(IoMode ioMode) {
		CountDownLatch released = new CountDownLatch(1);
		try (HttpBackend backend = HttpBackend.start((request) -> {
			if (request.bodyText().equals("BLOCK")) {
				released.await(10, TimeUnit.SECONDS);
			}
			return Response.ok(request.bodyText());
		});
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.forward.http.max-concurrency=1",
						"tcp-gateway.io-mode=" + ioMode.name().toLowerCase(), "tcp-gateway.selector.read-delay=10ms");
				TcpTestConnection blocking = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
			blocking.send("BLOCK");
			await().atMost(WAIT).until(() -> backend.received().size() == 1);
			// opened once the limit is reached: in net mode a thread already waiting in a
			// read would still hand over what that read brings
			try (TcpTestConnection waiting = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				waiting.send("hello");
				// its frame stays in the socket while the first call is open
				await().during(Duration.ofMillis(300))
					.atMost(WAIT)
					.until(() -> Meters.count(meters, GatewayMeters.MESSAGES_RECEIVED) == 1);
				released.countDown();
				assertThat(blocking.receiveString()).isEqualTo("BLOCK");
				assertThat(waiting.receiveString()).isEqualTo("hello");
			}
		}
		finally {
			released.countDown();
		}
	}

	@Test
	void clientThatClosesMidRequestLeavesTheOthersAndTheGatewayWell(CapturedOutput output) {
		CountDownLatch released = new CountDownLatch(1);
		try (HttpBackend backend = HttpBackend.start((request) -> {
			if (request.bodyText().equals("SLOW")) {
				released.await(10, TimeUnit.SECONDS);
			}
			return Response.ok(request.bodyText());
		}); RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url())) {
			try (TcpTestConnection leaving = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				leaving.send("SLOW");
				await().atMost(WAIT).until(() -> backend.received().size() == 1);
			}
			try (TcpTestConnection staying = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(staying.send("meanwhile").receiveString()).isEqualTo("meanwhile");
				released.countDown();
				await().atMost(WAIT).until(() -> backend.answered() == 2);
				assertThat(staying.send("after").receiveString()).isEqualTo("after");
			}
			try (TcpTestConnection newcomer = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(newcomer.send("new").receiveString()).isEqualTo("new");
			}
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "io")).isZero();
			assertThat(settled(output)).doesNotContain(" ERROR ");
		}
		finally {
			released.countDown();
		}
	}

	@Test
	void urlWithAHandlerOfTheApplicationFailsStartupNamingBoth() {
		assertThatException()
			.isThrownBy(() -> RunningGateway.start(ApplicationHandler.class,
					"tcp-gateway.forward.http.url=http://127.0.0.1:1/frames"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("TcpMessageHandler bean [upperCase]")
				.hasStackTraceContaining("the HTTP bridge '" + ForwardHttpAutoConfiguration.FLOW_BEAN_NAME
						+ "' (tcp-gateway.forward.http.url=http://127.0.0.1:1/frames)"));
	}

	@Test
	void urlWithAFlowOfTheApplicationFailsStartupNamingBoth() {
		assertThatException()
			.isThrownBy(() -> RunningGateway.start(ApplicationFlow.class,
					"tcp-gateway.forward.http.url=http://127.0.0.1:1/frames"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("'commands'")
				.hasStackTraceContaining("the HTTP bridge '" + ForwardHttpAutoConfiguration.FLOW_BEAN_NAME + "'")
				.hasStackTraceContaining(TcpGatewayChannels.REQUESTS));
	}

	static class ApplicationHandler {

		@Bean
		TcpMessageHandler upperCase() {
			return (request, replies) -> replies.send(request.asString().toUpperCase());
		}

	}

	static class ApplicationFlow {

		@Bean
		IntegrationFlow commands() {
			return IntegrationFlow.from(TcpGatewayChannels.REQUESTS).<byte[], String>transform(String::new).get();
		}

	}

}
