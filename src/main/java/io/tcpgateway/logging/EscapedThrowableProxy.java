package io.tcpgateway.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * A logged exception as {@link EscapedThrowableProxyConverter} prints it: its messages
 * escaped, its cause and suppressed exceptions wrapped alike. Each is wrapped when it is
 * asked for, so a cause chain that loops back on itself is followed no further than
 * Logback follows it.
 */
final class EscapedThrowableProxy implements IThrowableProxy {

	private final IThrowableProxy delegate;

	private EscapedThrowableProxy(IThrowableProxy delegate) {
		this.delegate = delegate;
	}

	static IThrowableProxy of(IThrowableProxy throwable) {
		return (throwable != null) ? new EscapedThrowableProxy(throwable) : null;
	}

	@Override
	public String getMessage() {
		return escapeOrNull(this.delegate.getMessage());
	}

	/** Logback's "CIRCULAR REFERENCE: ..." line, which holds the message too. */
	@Override
	public String getOverridingMessage() {
		return escapeOrNull(this.delegate.getOverridingMessage());
	}

	@Override
	public String getClassName() {
		return this.delegate.getClassName();
	}

	@Override
	public StackTraceElementProxy[] getStackTraceElementProxyArray() {
		return this.delegate.getStackTraceElementProxyArray();
	}

	@Override
	public int getCommonFrames() {
		return this.delegate.getCommonFrames();
	}

	@Override
	public IThrowableProxy getCause() {
		return of(this.delegate.getCause());
	}

	@Override
	public IThrowableProxy[] getSuppressed() {
		IThrowableProxy[] suppressed = this.delegate.getSuppressed();
		if (suppressed == null) {
			return null;
		}
		IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
		for (int i = 0; i < suppressed.length; i++) {
			escaped[i] = of(suppressed[i]);
		}
		return escaped;
	}

	@Override
	public boolean isCyclic() {
		return this.delegate.isCyclic();
	}

	// Logback prints no message at all for null, LogSafe would print "null"
	private static String escapeOrNull(String message) {
		return (message != null) ? LogSafe.escape(message) : null;
	}

}
