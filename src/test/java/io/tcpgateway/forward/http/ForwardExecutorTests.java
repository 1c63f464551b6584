package io.tcpgateway.forward.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP bridge's threads exist only between the executor's lifecycle start and stop,
 * and a call handed over outside them is refused without keeping its count of the
 * concurrency limit.
 */
class ForwardExecutorTests {

	private final ConcurrencyLimit limit = new ConcurrencyLimit("tcp-gateway.forward.http.max-concurrency", 2);

	private final ForwardExecutor executor = new ForwardExecutor(this.limit, 2, 4);

	@Test
	void callBeforeStartIsRefusedAndFreesItsCount() {
		assertThat(this.executor.isRunning()).isFalse();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.execute(() -> {
		}));
		assertThat(this.limit.open()).isZero();
	}

	@Test
	void callsRunOnTheBridgeThreadsOnceStartedAndAreRefusedOnceStopped() throws Exception {
		this.executor.start();
		try {
			CompletableFuture<String> thread = new CompletableFuture<>();
			this.executor.execute(() -> thread.complete(Thread.currentThread().getName()));
			assertThat(thread.get(10, TimeUnit.SECONDS)).startsWith("tcp-gateway-forward-http-");
			// the call gives its count back on its thread once it has returned
			await().atMost(Duration.ofSeconds(10)).until(() -> this.limit.open() == 0);
		}
		finally {
			this.executor.stop();
		}
		assertThat(this.executor.isRunning()).isFalse();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.execute(() -> {
		}));
		assertThat(this.limit.open()).isZero();
	}

}
