package io.tcpgateway.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escaping of client-controlled values in log lines.
 */
class LogSafeTests {

	@Test
	void lineBreaksAndTabsAreEscaped() {
		assertThat(LogSafe.escape("a\r\nb\tc")).isEqualTo("a\\r\\nb\\tc");
	}

	@Test
	void terminalEscapesAndOtherControlsAreEscaped() {
		assertThat(LogSafe.escape("\u001b[31mred\u0000\u007f")).isEqualTo("\\x1b[31mred\\x00\\x7f");
	}

	@Test
	void unicodeLineBreaksAreEscaped() {
		assertThat(LogSafe.escape("a\u0085b\u2028c\u2029d")).isEqualTo("a\\x85b\\u2028c\\u2029d");
	}

	@Test
	void bidirectionalOverridesAreEscaped() {
		assertThat(LogSafe.escape("abc\u202edef")).isEqualTo("abc\\u202edef");
	}

	@Test
	void unpairedSurrogatesAreEscapedAndPairsKept() {
		assertThat(LogSafe.escape("\ud83d\ude00 \ud83d x \ude00")).isEqualTo("\ud83d\ude00 \\ud83d x \\ude00");
	}

	@Test
	void printableTextIsKeptAsItIs() {
		String text = "PROXY TCP4 203.0.113.7 10.0.0.1 56324 9000 \"é\" \\n";
		assertThat(LogSafe.escape(text)).isSameAs(text);
	}

	@Test
	void escapingTwiceChangesNothing() {
		String once = LogSafe.escape("x\n\u001by");
		assertThat(LogSafe.escape(once)).isEqualTo(once);
	}

	@Test
	void nullIsWrittenAsNull() {
		assertThat(LogSafe.escape((Object) null)).isEqualTo("null");
	}

	@Test
	void aQuotedFieldEscapesItsQuotesAndBackslashesSoItCannotEndEarly() {
		assertThat(LogSafe.quote("id\r\nuser=\"root\"\u0000\\", 256))
			.isEqualTo("\"id\\r\\nuser=\\\"root\\\"\\x00\\\\\"");
	}

	@Test
	void aQuotedFieldIsCutAndSaysHowLongItWas() {
		assertThat(LogSafe.quote("a".repeat(1000), 256)).isEqualTo("\"" + "a".repeat(256) + "\"... (1000 characters)");
	}

}
