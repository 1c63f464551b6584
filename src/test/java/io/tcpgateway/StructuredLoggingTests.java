package io.tcpgateway;

import java.time.Duration;
import java.util.Objects;

import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's structured logging works for the gateway's own lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	@Test
	void ecsFormatPrintsTheStartupLineAsJson(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("logging.structured.format.console=ecs")) {
			// written by the asynchronous appender's thread
			String startupLine = await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.lines()
					.filter(line -> line.contains("TCP gateway listening on"))
					.findFirst()
					.orElse(null), Objects::nonNull);
			assertThat(startupLine).startsWith("{")
				.endsWith("}")
				.contains("\"level\":\"INFO\"")
				.contains("\"logger\":\"io.tcpgateway.server.ListenerStartupCheck\"")
				.contains("*:" + gateway.port());
		}
	}

}
