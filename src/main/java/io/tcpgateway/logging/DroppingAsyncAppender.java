package io.tcpgateway.logging;

import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@link AsyncAppender} that never makes a logging thread wait, and counts the
 * lines it drops.
 *
 * <p>
 * A log line is written by an event loop as often as by anyone: when the output stalls (a
 * pipe nobody reads, a full disk), waiting for it would stop every connection of that
 * loop. So the lines wait in a bounded queue written by the appender's own thread; past
 * the discarding threshold lines up to INFO are dropped, and once the queue is full every
 * line is. {@link AsyncAppender} drops silently; the count here is what
 * {@code tcp.gateway.log.dropped} reports.
 */
public class DroppingAsyncAppender extends AsyncAppender {

	private static final LongAdder dropped = new LongAdder();

	public DroppingAsyncAppender() {
		setNeverBlock(true);
	}

	/**
	 * @return lines dropped so far in this JVM, by all the appenders of this kind
	 */
	public static long droppedCount() {
		return dropped.sum();
	}

	@Override
	protected void append(ILoggingEvent event) {
		// the same two tests as AsyncAppenderBase.append, which drops without telling
		if ((isNeverBlock() && getRemainingCapacity() == 0)
				|| (isQueueBelowDiscardingThreshold() && isDiscardable(event))) {
			dropped.increment();
			return;
		}
		super.append(event);
	}

}
