package io.tcpgateway.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads logging at once into a tiny queue that an output drains as fast as it can:
 * every line either reaches the output or is counted as dropped, none lost uncounted
 * between the check for room and the offer.
 */
class DroppingAsyncAppenderContentionTests {

	private static final int THREADS = 4;

	private static final int LINES_EACH = 50_000;

	@Test
	void everyLineIsWrittenOrCountedAsDropped() throws InterruptedException {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		CountingOutput output = new CountingOutput();
		output.setContext(context);
		output.start();
		DroppingAsyncAppender appender = new DroppingAsyncAppender();
		appender.setContext(context);
		appender.setQueueSize(2);
		appender.setDiscardingThreshold(0);
		// a stop waits until the worker has written what is queued
		appender.setMaxFlushTime(0);
		appender.addAppender(output);
		appender.start();
		Logger logger = context.getLogger("test");
		logger.addAppender(appender);
		logger.setLevel(Level.DEBUG);
		long before = DroppingAsyncAppender.droppedCount();
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread thread = new Thread(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				for (int i = 0; i < LINES_EACH; i++) {
					logger.warn("line {}", i);
				}
			});
			thread.start();
			threads.add(thread);
		}
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		appender.stop();
		context.stop();
		long dropped = DroppingAsyncAppender.droppedCount() - before;
		assertThat(dropped).isPositive();
		assertThat(output.received.get() + dropped).isEqualTo((long) THREADS * LINES_EACH);
	}

	/** An output that only counts the lines it is given. */
	static class CountingOutput extends AppenderBase<ILoggingEvent> {

		final AtomicLong received = new AtomicLong();

		@Override
		protected void append(ILoggingEvent event) {
			this.received.incrementAndGet();
		}

	}

}
