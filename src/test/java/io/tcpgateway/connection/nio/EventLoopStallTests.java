package io.tcpgateway.connection.nio;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.connection.StalledLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event loop tells a pass that is stuck from a loop that is idle or kept busy.
 */
class EventLoopStallTests {

	private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private final EventLoop loop = new EventLoop("test-loop", TimeUnit.MILLISECONDS.toNanos(100));

	@AfterEach
	void stop() {
		this.loop.stop();
	}

	@Test
	void idleLoopIsNotStalled() {
		this.loop.start();
		long startedAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - startedAt > 3 * TIMEOUT_NANOS);
		assertThat(this.loop.stalled(System.nanoTime(), TIMEOUT_NANOS)).isNull();
	}

	@Test
	void loopKeptBusyBeginsAFreshPassAfterEachBatchOfTasks() {
		// more tasks than a pass runs, so that pass after pass begins without waiting in
		// select: each must count from its own start, or a busy loop would look stuck
		int count = 6 * 1024;
		AtomicInteger done = new AtomicInteger();
		for (int i = 0; i < count; i++) {
			this.loop.execute(() -> {
				work(TimeUnit.MICROSECONDS.toNanos(100));
				done.incrementAndGet();
			});
		}
		this.loop.start();
		long farAhead = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
		Set<Long> passStarts = ConcurrentHashMap.newKeySet();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
			StalledLoop inPass = this.loop.stalled(farAhead, 0);
			if (inPass != null) {
				passStarts.add(farAhead - inPass.stalledFor().toNanos());
			}
			return done.get() == count;
		});
		assertThat(passStarts).hasSizeGreaterThan(1);
	}

	@Test
	void loopStuckInATaskIsStalledWithWhereItIsUntilReleased() {
		this.loop.start();
		CountDownLatch release = new CountDownLatch(1);
		this.loop.execute(() -> awaitUninterruptibly(release));
		StalledLoop stalled = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loop.stalled(System.nanoTime(), TIMEOUT_NANOS), (found) -> found != null);
		assertThat(stalled.thread()).isEqualTo("test-loop");
		assertThat(stalled.stalledFor()).isGreaterThan(Duration.ofNanos(TIMEOUT_NANOS));
		assertThat(stalled.at()).hasSizeLessThanOrEqualTo(StalledLoop.FRAMES)
			.anySatisfy((frame) -> assertThat(frame.getMethodName()).contains("awaitUninterruptibly"));
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loop.stalled(System.nanoTime(), TIMEOUT_NANOS) == null);
	}

	/** Work for about this long, as a task that computes something would. */
	private static void work(long nanos) {
		long until = System.nanoTime() + nanos;
		while (System.nanoTime() - until < 0) {
			Thread.onSpinWait();
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
