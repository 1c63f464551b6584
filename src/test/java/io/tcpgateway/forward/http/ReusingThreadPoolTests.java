package io.tcpgateway.forward.http;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.GatewayThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP bridge's pools start a thread only when every thread they have is busy, never
 * more than their maximum, and queue no more than their capacity.
 */
class ReusingThreadPoolTests {

	private final ReusingThreadPool pool = new ReusingThreadPool(4, 1,
			GatewayThreadFactory.platform("reusing-test-", true));

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() throws InterruptedException {
		this.release.countDown();
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void tasksOneAfterAnotherShareOneThread() throws Exception {
		for (int i = 0; i < 50; i++) {
			CountDownLatch done = new CountDownLatch(1);
			this.pool.execute(done::countDown);
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			// the thread is idle again once the pool has counted its task done
			await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.getActiveCount() == 0);
		}
		assertThat(this.pool.getLargestPoolSize()).isEqualTo(1);
	}

	@Test
	void busyThreadsGetCompanyUpToTheMaximumThenTheQueueFillsThenTasksAreRefused() {
		for (int i = 0; i < 4; i++) {
			this.pool.execute(this::awaitRelease);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.getActiveCount() == 4);
		assertThat(this.pool.getPoolSize()).isEqualTo(4);
		// every thread busy and no more allowed: one task waits in the queue
		this.pool.execute(this::awaitRelease);
		assertThat(this.pool.getQueue()).hasSize(1);
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.pool.execute(this::awaitRelease));
		assertThat(this.pool.getPoolSize()).isEqualTo(4);
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
