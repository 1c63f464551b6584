package io.tcpgateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out of memory means exit: the application started as {@code java -jar} starts it, with
 * no JVM flags, exits when a handler runs out of memory, on the event loop or on the
 * handler pool; a stack overflow does not end it (see the StackOverflow tests).
 */
class FatalErrorExitTests {

	@ParameterizedTest(name = "blocking handler: {0}")
	@ValueSource(booleans = { false, true })
	void outOfMemoryInAHandlerEndsTheProcessWithANonZeroStatus(boolean blocking, @TempDir Path workDir)
			throws Exception {
		try (GatewayProcess gateway = GatewayProcess.start(workDir,
				"--spring.main.sources=" + (blocking ? BlockingHandler.class : LoopHandler.class).getName());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.echoes("hello")).isTrue();
			client.send("oom");
			assertThat(gateway.awaitExit()).as(gateway.log()).isEqualTo(FatalErrorExit.STATUS);
			assertThat(gateway.log()).contains("Terminating due to java.lang.OutOfMemoryError: synthetic");
		}
	}

	/** Echoes, and throws a synthetic out of memory on {@code oom}. */
	static TcpMessageHandler outOfMemoryOnRequest(boolean blocking) {
		return new TcpMessageHandler() {

			@Override
			public void handle(TcpRequest request, ReplySink replies) {
				if (new String(request.payload(), StandardCharsets.US_ASCII).equals("oom")) {
					throw new OutOfMemoryError("synthetic");
				}
				replies.send(request.payload());
			}

			@Override
			public boolean isBlocking() {
				return blocking;
			}

		};
	}

	/**
	 * Not annotated, so the application's component scan of the test classes does not
	 * find it: the child process gets it through {@code --spring.main.sources}.
	 */
	static class LoopHandler {

		@Bean
		TcpMessageHandler outOfMemoryOnTheLoop() {
			return outOfMemoryOnRequest(false);
		}

	}

	/** As {@link LoopHandler}, on the handler pool. */
	static class BlockingHandler {

		@Bean
		TcpMessageHandler outOfMemoryOnThePool() {
			return outOfMemoryOnRequest(true);
		}

	}

}
