package io.tcpgateway.logging;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous appender in front of a stalled output: the logging thread goes on, and
 * every line that does not fit is counted.
 */
class DroppingAsyncAppenderTests {

	private final LoggerContext context = new LoggerContext();

	private final CountDownLatch outputStalled = new CountDownLatch(1);

	private final StalledOutput output = new StalledOutput(this.outputStalled);

	private final DroppingAsyncAppender appender = new DroppingAsyncAppender();

	private Logger logger;

	@BeforeEach
	void startWithAStalledOutput() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.output.setContext(this.context);
		this.output.start();
		this.appender.setContext(this.context);
		this.appender.setQueueSize(10);
		this.appender.setDiscardingThreshold(5);
		this.appender.addAppender(this.output);
		this.appender.start();
		this.logger = this.context.getLogger("test");
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void stop() {
		this.outputStalled.countDown();
		this.appender.stop();
		this.context.stop();
	}

	@Test
	void linesPastAFullQueueAreDroppedAndCountedWithoutWaiting() {
		long before = DroppingAsyncAppender.droppedCount();
		// the first line is taken by the worker, which then waits on the output
		this.logger.warn("taken");
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.output.received.get() == 1);
		for (int i = 0; i < 100; i++) {
			this.logger.warn("line " + i);
		}
		// 10 queued; the other 90 dropped, and this thread never waited
		assertThat(DroppingAsyncAppender.droppedCount() - before).isEqualTo(90);
	}

	@Test
	void infoIsDroppedFirstToKeepRoomForWarnings() {
		long before = DroppingAsyncAppender.droppedCount();
		this.logger.warn("taken");
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.output.received.get() == 1);
		for (int i = 0; i < 10; i++) {
			this.logger.info("info " + i);
		}
		// INFO is queued until fewer than 5 places are left: 6 queued, 4 dropped
		assertThat(DroppingAsyncAppender.droppedCount() - before).isEqualTo(4);
		for (int i = 0; i < 4; i++) {
			this.logger.warn("warn " + i);
		}
		// WARN takes the places kept for it, and only a full queue drops it
		assertThat(DroppingAsyncAppender.droppedCount() - before).isEqualTo(4);
		this.logger.warn("one too many");
		assertThat(DroppingAsyncAppender.droppedCount() - before).isEqualTo(5);
		assertThat(this.appender.getRemainingCapacity()).isZero();
	}

	/** An output that takes one line and then blocks, as a full pipe does. */
	static class StalledOutput extends AppenderBase<ILoggingEvent> {

		private final CountDownLatch stalled;

		final AtomicInteger received = new AtomicInteger();

		StalledOutput(CountDownLatch stalled) {
			this.stalled = stalled;
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.received.incrementAndGet();
			try {
				this.stalled.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
