package io.tcpgateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exception's message cannot forge a log line: it is printed escaped, and the stack
 * trace around it is printed as Spring Boot prints it.
 */
class EscapedThrowableProxyConverterTests {

	private static final String FORGED = "2026-01-01T00:00:00.000Z ERROR 1 --- [main] forged : admin logged in";

	private static final String FAILURE = "failed on\r\n" + FORGED + "\u001b[2K";

	private static final String CAUSE = "caused by\n" + FORGED + "\u001b[2K";

	private static final String SUPPRESSED = "suppressed\u2028" + FORGED + "\u0085";

	@Test
	void messagesOfTheExceptionItsCausesAndSuppressedOnesAreEscaped() {
		String text = render(new EscapedThrowableProxyConverter(), failure());
		assertThat(text).doesNotContain("\r", "\u001b", "\u2028", "\u0085");
		assertThat(text.lines()).noneMatch((line) -> line.strip().startsWith(FORGED));
		assertThat(text).contains("java.lang.IllegalStateException: failed on\\r\\n" + FORGED + "\\x1b[2K")
			.contains("Caused by: java.lang.IllegalArgumentException: caused by\\n" + FORGED + "\\x1b[2K")
			.contains("Suppressed: java.lang.UnsupportedOperationException: suppressed\\u2028" + FORGED + "\\x85");
	}

	@Test
	void theStackTraceKeepsItsShapeOneFramePerLine() {
		Throwable failure = failure();
		String escaped = render(new EscapedThrowableProxyConverter(), failure);
		String plain = render(new ExtendedWhitespaceThrowableProxyConverter(), failure);
		assertThat(plain.lines()).anyMatch((line) -> line.strip().startsWith(FORGED));
		assertThat(escaped).isEqualTo(plain.replace(FAILURE, LogSafe.escape(FAILURE))
			.replace(CAUSE, LogSafe.escape(CAUSE))
			.replace(SUPPRESSED, LogSafe.escape(SUPPRESSED)));
		assertThat(escaped.lines().filter((line) -> line.strip().startsWith("at "))).hasSizeGreaterThan(3);
	}

	@Test
	void anExceptionWithoutAMessageIsPrintedWithout() {
		String text = render(new EscapedThrowableProxyConverter(), new IllegalStateException());
		assertThat(text.lines()).contains("java.lang.IllegalStateException");
	}

	@Test
	void aCauseChainThatLoopsIsPrintedOnceAndEscaped() {
		IllegalStateException first = new IllegalStateException(FAILURE);
		IllegalArgumentException second = new IllegalArgumentException(CAUSE, first);
		first.initCause(second);
		String text = render(new EscapedThrowableProxyConverter(), first);
		assertThat(text).contains("CIRCULAR REFERENCE").doesNotContain("\r", "\u001b");
		assertThat(text.lines()).noneMatch((line) -> line.strip().startsWith(FORGED));
	}

	private static Throwable failure() {
		IllegalStateException failure = new IllegalStateException(FAILURE, new IllegalArgumentException(CAUSE));
		failure.addSuppressed(new UnsupportedOperationException(SUPPRESSED));
		return failure;
	}

	private static String render(ThrowableProxyConverter converter, Throwable throwable) {
		LoggerContext context = new LoggerContext();
		converter.setContext(context);
		converter.start();
		LoggingEvent event = new LoggingEvent(EscapedThrowableProxyConverterTests.class.getName(),
				context.getLogger("test"), Level.ERROR, "Request failed", throwable, null);
		return converter.convert(event);
	}

}
