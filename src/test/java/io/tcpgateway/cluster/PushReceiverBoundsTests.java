package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue in front of the delivery thread, while that thread is held up: bounded in
 * characters before it is bounded in count, and a command longer than any push can be is
 * never queued.
 */
class PushReceiverBoundsTests {

	private static final int MAX_PUSH_BYTES = 1024;

	private final AtomicInteger malformed = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final ClusterMetrics metrics = new ClusterMetrics() {

		@Override
		public void malformedCommand() {
			PushReceiverBoundsTests.this.malformed.incrementAndGet();
		}

		@Override
		public void pushFailed() {
			PushReceiverBoundsTests.this.failed.incrementAndGet();
		}

	};

	@Test
	void commandsWaitingAreBoundedInCharactersAndTheLongestNeverQueued() throws Exception {
		// no registry: every command here is malformed, and so never looks for a
		// connection
		PushReceiver receiver = new PushReceiver(null, this.metrics, MAX_PUSH_BYTES, ClusterObservations.NONE);
		receiver.start();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch holding = new CountDownLatch(1);
		try {
			receiver.delivery().execute(() -> {
				holding.countDown();
				try {
					held.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

			receiver.received("x".repeat((int) ClusterCommand.maxLength(MAX_PUSH_BYTES) + 1));
			assertThat(this.malformed).hasValue(1);
			assertThat(receiver.queued()).isZero();

			// as long as any push may be: the characters' bound is reached first
			String longest = "x".repeat((int) ClusterCommand.maxLength(MAX_PUSH_BYTES));
			int fit = (int) (receiver.maxQueuedChars() / longest.length());
			assertThat(fit).isLessThan(PushReceiver.QUEUE_CAPACITY);
			for (int i = 0; i < fit + 100; i++) {
				receiver.received(longest);
			}
			assertThat(receiver.queued()).isEqualTo(fit);
			assertThat(receiver.queuedChars()).isLessThanOrEqualTo(receiver.maxQueuedChars());
			assertThat(this.failed).hasValue(100);
		}
		finally {
			held.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.queued() == 0 && receiver.queuedChars() == 0);
		receiver.stop();
	}

	@Test
	void commandsBeforeStartAreDroppedNotQueued() {
		PushReceiver receiver = new PushReceiver(null, this.metrics, MAX_PUSH_BYTES, ClusterObservations.NONE);
		receiver.received("x");
		assertThat(this.failed).hasValue(1);
		assertThat(receiver.queued()).isZero();
		assertThat(receiver.queuedChars()).isZero();
	}

}
