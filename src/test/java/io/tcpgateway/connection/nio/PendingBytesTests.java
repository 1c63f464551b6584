package io.tcpgateway.connection.nio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.limits.MemoryBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The count of a connection's waiting reply bytes, as replies are handed over to its
 * loop, queued there, written or dropped.
 */
class PendingBytesTests {

	private final MemoryBudget budget = new MemoryBudget("tcp-gateway.memory.outbound", 1 << 30);

	private final PendingBytes pending = new PendingBytes(this.budget);

	@Test
	void aReplyHandedOverWaitsAndCountsInTheBudgetAtOnce() {
		this.pending.handedOver(100);
		assertThat(this.pending.get()).isEqualTo(100);
		assertThat(this.budget.held()).isEqualTo(100);
		// bytes the loop has not queued wait for the loop, not for the client
		assertThat(this.pending.stalledNanos(System.nanoTime())).isZero();
	}

	@Test
	void aReplyQueuedByTheLoopKeepsItsCountUntilWritten() {
		this.pending.handedOver(100);
		this.pending.moveStarted();
		this.pending.progressed();
		this.pending.add(100);
		this.pending.moved(100);
		assertThat(this.pending.get()).isEqualTo(100);
		assertThat(this.budget.held()).isEqualTo(100);
		this.pending.written(100);
		this.pending.updateBudget();
		assertThat(this.pending.get()).isZero();
		assertThat(this.budget.held()).isZero();
	}

	@Test
	void aReplyDroppedAfterTheConnectionClosedLeavesTheBudget() {
		this.pending.handedOver(100);
		this.pending.dropped(100);
		assertThat(this.pending.get()).isZero();
		assertThat(this.budget.held()).isZero();
	}

	@Test
	void aReaderNeverSeesAReplyCountedTwiceOrNotAtAllWhileTheLoopQueuesIt() throws InterruptedException {
		int replies = 5_000_000;
		for (int i = 0; i < replies; i++) {
			this.pending.handedOver(10);
		}
		long total = 10L * replies;
		AtomicBoolean moving = new AtomicBoolean(true);
		AtomicLong wrongReads = new AtomicLong();
		CountDownLatch reading = new CountDownLatch(1);
		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
			reading.countDown();
			while (moving.get()) {
				if (this.pending.get() != total) {
					wrongReads.incrementAndGet();
				}
			}
		});
		assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < replies; i++) {
			this.pending.moveStarted();
			this.pending.add(10);
			this.pending.moved(10);
		}
		moving.set(false);
		reader.join();
		assertThat(wrongReads).hasValue(0);
		assertThat(this.pending.get()).isEqualTo(total);
	}

}
