package io.tcpgateway.admin;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit's escaping of the values it writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAuditTests {

	@Test
	void lineBreaksControlCharactersQuotesAndBackslashesAreEscaped(CapturedOutput output) {
		AdminAudit.write(null, "loggers", "loggers.write",
				Map.<String, Object>of("name", "id\r\nuser=\"root\"\u0000\\"));
		assertThat(settled(output).getOut())
			.contains("endpoint=\"loggers\" name=\"id\\r\\nuser=\\\"root\\\"\\x00\\\\\"");
	}

	@Test
	void longValuesAreCut(CapturedOutput output) {
		AdminAudit.write(null, "loggers", "loggers.write", Map.<String, Object>of("name", "a".repeat(1000)));
		assertThat(settled(output).getOut()).contains("name=\"" + "a".repeat(256) + "\"... (1000 characters)");
	}

}
