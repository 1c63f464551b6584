package io.tcpgateway.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit's escaping of the values it writes.
 */
class AdminAuditTests {

	@Test
	void lineBreaksControlCharactersQuotesAndBackslashesAreEscaped() {
		assertThat(AdminAudit.escape("id\r\nuser=\"root\"\u0000\\"))
			.isEqualTo("id\\u000d\\u000auser=\\\"root\\\"\\u0000\\\\");
	}

	@Test
	void longValuesAreCut() {
		assertThat(AdminAudit.escape("a".repeat(1000))).hasSize(256 + 3).endsWith("...");
	}

}
