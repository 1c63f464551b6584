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
 * {@code tcp.gateway.log.dropped} reports, exact: the last test for room and the offer
 * are made under one lock, held about as long as the queue's own lock for the offer.
 */
public class DroppingAsyncAppender extends AsyncAppender {

	private static final LongAdder dropped = new LongAdder();

	private final Object offering = new Object();

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
		if (mustDrop(event)) {
			return;
		}
		// formatted outside the lock; the superclass's own call then finds it done
		preprocess(event);
		// the test again, together with the offer, so that no other thread takes the last
		// place between them and the offer fails uncounted (the worker only makes room)
		synchronized (this.offering) {
			if (!mustDrop(event)) {
				super.append(event);
			}
		}
	}

	/**
	 * The same two tests as {@code AsyncAppenderBase.append}, which drops without
	 * telling.
	 * @return whether the line is dropped, then counted
	 */
	private boolean mustDrop(ILoggingEvent event) {
		if ((isNeverBlock() && getRemainingCapacity() == 0)
				|| (isQueueBelowDiscardingThreshold() && isDiscardable(event))) {
			dropped.increment();
			return true;
		}
		return false;
	}

}
