package io.tcpgateway;

import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's structured logging works for the gateway's own lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	@Test
	void ecsFormatPrintsTheStartupLineAsJson(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start("logging.structured.format.console=ecs")) {
			String startupLine = output.getOut()
				.lines()
				.filter(line -> line.contains("TCP gateway listening on"))
				.findFirst()
				.orElseThrow();
			assertThat(startupLine).startsWith("{")
				.endsWith("}")
				.contains("\"level\":\"INFO\"")
				.contains("\"logger\":\"io.tcpgateway.server.ListenerStartupCheck\"")
				.contains("*:" + gateway.port());
		}
	}

}
