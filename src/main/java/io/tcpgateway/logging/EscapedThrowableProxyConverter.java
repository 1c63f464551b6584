package io.tcpgateway.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} with every exception message escaped by {@link LogSafe}: a
 * message may carry what a client sent (a failed message's payload, a decoder's or a TLS
 * engine's complaint about its bytes), and printed raw it could end the line and forge
 * one of its own. The stack trace keeps its shape, one frame per line. Registered as
 * {@code %escapedEx} by {@code io/tcpgateway/logback-gateway.xml}, which makes it the
 * default {@code logging.exception-conversion-word}.
 */
public class EscapedThrowableProxyConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy throwable) {
		return super.throwableProxyToString(EscapedThrowableProxy.of(throwable));
	}

}
