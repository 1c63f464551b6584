package io.tcpgateway.forward.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP bridge's threads exist only between the executor's lifecycle start and stop,
 * and a call handed over outside them is refused without keeping its count of the
 * concurrency limit; a call runs in the observation current where it was handed over.
 */
class ForwardExecutorTests {

	private final ConcurrencyLimit limit = new ConcurrencyLimit("tcp-gateway.forward.http.max-concurrency", 2);

	private final ForwardExecutor executor = new ForwardExecutor(this.limit, 2, 4, ObservationRegistry.NOOP);

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

	@Test
	void callRunsInTheObservationCurrentWhereItWasHandedOver() throws Exception {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		ForwardExecutor observed = new ForwardExecutor(this.limit, 2, 4, registry);
		observed.start();
		try {
			Observation request = Observation.start("tcp.gateway.request", registry);
			CompletableFuture<Observation> current = new CompletableFuture<>();
			try (Observation.Scope scope = request.openScope()) {
				observed.execute(() -> current.complete(registry.getCurrentObservation()));
			}
			assertThat(current.get(10, TimeUnit.SECONDS)).isSameAs(request);
			// and nothing is left current on the thread after the call
			CompletableFuture<Observation> after = new CompletableFuture<>();
			observed.execute(() -> after.complete(registry.getCurrentObservation()));
			assertThat(after.get(10, TimeUnit.SECONDS)).isNull();
			request.stop();
		}
		finally {
			observed.stop();
		}
	}

}
