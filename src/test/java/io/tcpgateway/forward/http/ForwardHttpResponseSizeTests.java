package io.tcpgateway.forward.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.forward.http.HttpBackend.Response;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that answers with far more than a message may be, with a Content-Length or
 * chunked, against a real HTTP server that generates its 300 MB as it writes them: the
 * request fails as {@code handler.on-error} says, counted and warned, the body is not
 * read beyond the bound, and the gateway goes on serving. The same holds for an error
 * status whose body is as large.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardHttpResponseSizeTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final long HUGE = 300L * 1024 * 1024;

	/** Far below the 300 MB: the sockets' and the HTTP client's buffers, no more. */
	private static final long BUFFERED_AT_MOST = 64L * 1024 * 1024;

	@ParameterizedTest(name = "chunked={0}")
	@ValueSource(booleans = { false, true })
	void responseLargerThanMaxMessageSizeIsAnsweredWithTheErrorReplyAndNotReadFurther(boolean chunked,
			CapturedOutput output) {
		try (HttpBackend backend = hugeFor("HUGE", chunked);
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=TOO_LARGE");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("before", "HUGE", "after");
			assertThat(List.of(client.receiveString(), client.receiveString(), client.receiveString()))
				.containsExactly("before", "TOO_LARGE", "after");
			assertThat(client.send("next").receiveString()).isEqualTo("next");
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "too-large")).isEqualTo(1);
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "io")).isZero();
			// the service's write fails once the gateway has closed the connection
			await().atMost(WAIT).until(() -> backend.answered() == 4);
			assertThat(backend.generatedBytesWritten()).isLessThan(BUFFERED_AT_MOST);
			assertThat(settled(output))
				.containsPattern("WARN .*" + backend.url() + ".*too-large.*tcp-gateway.max-message-size");
		}
	}

	@ParameterizedTest(name = "chunked={0}")
	@ValueSource(booleans = { false, true })
	void errorResponseOfThreeHundredMegabytesIsAStatusFailureAndItsBodyIsNotReadFurther(boolean chunked,
			CapturedOutput output) {
		try (HttpBackend backend = HttpBackend.start((request) -> request.bodyText().equals("HUGE")
				? new Response(500, new byte[0], HUGE, chunked) : Response.ok(request.bodyText()));
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=FAILED");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.pipeline("before", "HUGE", "after");
			assertThat(List.of(client.receiveString(), client.receiveString(), client.receiveString()))
				.containsExactly("before", "FAILED", "after");
			assertThat(client.send("next").receiveString()).isEqualTo("next");
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "status")).isEqualTo(1);
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "io")).isZero();
			// the service's write fails once the gateway has closed the connection
			await().atMost(WAIT).until(() -> backend.answered() == 4);
			assertThat(backend.generatedBytesWritten()).isLessThan(BUFFERED_AT_MOST);
			assertThat(settled(output)).containsPattern("WARN .*" + backend.url() + ".*status 500");
		}
	}

	@Test
	void responseLargerThanMaxMessageSizeClosesTheConnectionByDefaultAndOthersAreServed() {
		try (HttpBackend backend = hugeFor("HUGE", true);
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.max-message-size=1KB");
				TcpTestConnection failing = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			failing.send("HUGE");
			assertThat(failing.awaitClosed()).isTrue();
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "too-large")).isEqualTo(1);
			try (TcpTestConnection next = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(next.send("hello").receiveString()).isEqualTo("hello");
			}
		}
	}

	@Test
	void responseOfExactlyMaxMessageSizeIsTheReply() {
		try (HttpBackend backend = HttpBackend.start((request) -> Response.generated(1024, true));
				RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.http.url=" + backend.url(),
						"tcp-gateway.max-message-size=1KB");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF, 4096)) {
			assertThat(client.send("hello").receiveString()).isEqualTo("x".repeat(1024));
			assertThat(gateway.counter(MicrometerForwardMetrics.FORWARD_ERRORS, "too-large")).isZero();
		}
	}

	@ParameterizedTest(name = "chunked={0}")
	@ValueSource(booleans = { false, true })
	void gatewayOfSmallHeapSurvivesResponsesOfThreeHundredMegabytes(boolean chunked, @TempDir Path dir) {
		try (HttpBackend backend = hugeFor("HUGE", chunked);
				GatewayProcess gateway = GatewayProcess.startWithJvmOptions(dir,
						List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
						"--tcp-gateway.forward.http.url=" + backend.url(), "--tcp-gateway.handler.on-error=reply");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			for (int i = 0; i < 3; i++) {
				assertThat(client.send("HUGE").receiveString()).isEqualTo("ERROR");
			}
			assertThat(client.send("still here").receiveString()).isEqualTo("still here");
		}
	}

	/**
	 * @return a service that answers {@code trigger} with 300 MB and echoes anything else
	 */
	private static HttpBackend hugeFor(String trigger, boolean chunked) {
		return HttpBackend.start((request) -> request.bodyText().equals(trigger) ? Response.generated(HUGE, chunked)
				: Response.ok(request.bodyText()));
	}

}
