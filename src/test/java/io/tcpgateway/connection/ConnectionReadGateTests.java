package io.tcpgateway.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.connection.ConnectionReadGate.Reason;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.RateLimits;
import io.tcpgateway.limits.ReadThrottle;
import io.tcpgateway.limits.SlowConsumerLimits;
import io.tcpgateway.limits.SlowConsumerPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One connection's reasons not to read, taken together from the real request tracker,
 * budgets, throttle and a feature's gate: each shuts the gate on its own and lets it open
 * again, the first reason is the one given, and a blocking connection waits on the one
 * given.
 */
class ConnectionReadGateTests {

	private static final int MAX_IN_FLIGHT = 4;

	private static final int MAX_PENDING = 100;

	private final RequestTracker requests = new RequestTracker();

	private final Gate feature = new Gate();

	private final MemoryBudget outbound = new MemoryBudget("tcp-gateway.memory.max-outbound", 1000);

	private final MemoryBudget inbound = new MemoryBudget("tcp-gateway.memory.max-inbound", 1000);

	private final IncompleteFrame incompleteFrame = new IncompleteFrame(this.inbound);

	private final AtomicInteger readsThrottled = new AtomicInteger();

	@Test
	void nothingHoldingItTheGateIsOpenAndTheReadTakesTheBuffer() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		assertThat(gate.shutBy(0)).isNull();
		assertThat(gate.readLimit(8192)).isEqualTo(8192);
	}

	@Test
	void tooManyRequestsInFlightShutItUntilHalfHaveCompleted() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		for (int i = 0; i < MAX_IN_FLIGHT; i++) {
			this.requests.started();
		}
		assertThat(gate.shutBy(0)).isEqualTo(Reason.REQUESTS_IN_FLIGHT);
		this.requests.finished();
		assertThat(gate.shutBy(0)).isEqualTo(Reason.REQUESTS_IN_FLIGHT);
		this.requests.finished();
		assertThat(gate.shutBy(0)).isNull();
	}

	@Test
	void readsHeldForTheHandlerPoolShutItUntilReleased() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		this.requests.holdReads();
		assertThat(gate.shutBy(0)).isEqualTo(Reason.READS_HELD);
		this.requests.releaseReads();
		assertThat(gate.shutBy(0)).isNull();
	}

	@Test
	void aFeatureGateShutShutsIt() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		this.feature.shut = true;
		assertThat(gate.shutBy(0)).isEqualTo(Reason.FEATURE_GATE);
		this.feature.shut = false;
		assertThat(gate.shutBy(0)).isNull();
	}

	@Test
	void pendingRepliesShutItUnderBackpressureUntilHalfAreWritten() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		assertThat(gate.shutBy(MAX_PENDING - 1)).isNull();
		assertThat(gate.shutBy(MAX_PENDING)).isEqualTo(Reason.REPLIES_PENDING);
		assertThat(gate.shutBy(MAX_PENDING / 2 + 1)).isEqualTo(Reason.REPLIES_PENDING);
		assertThat(gate.shutBy(MAX_PENDING / 2)).isNull();
	}

	@Test
	void pendingRepliesDoNotShutItWhenSlowConsumersAreClosed() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.CLOSE, null);
		assertThat(gate.shutBy(10 * MAX_PENDING)).isNull();
	}

	@Test
	void aSpentOutboundBudgetShutsOnlyAConnectionWithRepliesWaiting() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.CLOSE, null);
		this.outbound.change(this.outbound.limit());
		assertThat(gate.shutBy(1)).isEqualTo(Reason.OUTBOUND_BUDGET);
		assertThat(gate.shutBy(0)).isNull();
		assertThat(gate.readLimit(8192)).isEqualTo(MemoryBudget.EXHAUSTED_READ_BYTES);
		this.outbound.change(-1);
		assertThat(gate.shutBy(1)).isNull();
		assertThat(gate.readLimit(8192)).isEqualTo(8192);
	}

	@Test
	void aSpentInboundBudgetShutsOnlyAConnectionHoldingPartOfAFrame() {
		ConnectionReadGate holding = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		ConnectionReadGate other = new ConnectionReadGate(this.feature, new RequestTracker(), MAX_IN_FLIGHT,
				slowConsumer(SlowConsumerPolicy.BACKPRESSURE), this.outbound, new IncompleteFrame(this.inbound), null);
		holding.afterRead(0, this.inbound.limit(), this.inbound.limit());
		assertThat(holding.shutBy(0)).isEqualTo(Reason.INBOUND_BUDGET);
		assertThat(other.shutBy(0)).isNull();
		assertThat(other.readLimit(8192)).isEqualTo(MemoryBudget.EXHAUSTED_READ_BYTES);
		holding.afterRead(1, 10, 0);
		assertThat(holding.shutBy(0)).isNull();
		assertThat(this.inbound.held()).isZero();
	}

	@Test
	void aRateUsedUpShutsItAndCountsOneThrottledReadPerPause() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, oneMessagePerHour());
		assertThat(gate.shutBy(0)).isNull();
		gate.afterRead(1, 10, 0);
		assertThat(gate.shutBy(0)).isEqualTo(Reason.RATE_LIMIT);
		assertThat(gate.shutBy(0)).isEqualTo(Reason.RATE_LIMIT);
		assertThat(this.readsThrottled).hasValue(1);
		assertThat(gate.readLimit(8192)).isEqualTo(1);
	}

	@Test
	void theFirstReasonIsGivenAndTheRateIsNotCountedWhileAnotherHoldsIt() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, oneMessagePerHour());
		gate.afterRead(1, 10, 0);
		this.requests.holdReads();
		this.feature.shut = true;
		assertThat(gate.shutBy(MAX_PENDING)).isEqualTo(Reason.READS_HELD);
		this.requests.releaseReads();
		assertThat(gate.shutBy(MAX_PENDING)).isEqualTo(Reason.FEATURE_GATE);
		this.feature.shut = false;
		assertThat(gate.shutBy(MAX_PENDING)).isEqualTo(Reason.REPLIES_PENDING);
		assertThat(this.readsThrottled).hasValue(0);
		assertThat(gate.shutBy(0)).isEqualTo(Reason.RATE_LIMIT);
		assertThat(this.readsThrottled).hasValue(1);
	}

	@Test
	void aBlockingConnectionWaitsOnTheFeatureGateABoundedWhile() throws InterruptedException {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		this.feature.shut = true;
		gate.await(gate.shutBy(0), () -> true);
		assertThat(this.feature.awaited).containsExactly(100L);
	}

	@Test
	void aBlockingConnectionWaitsForItsRequestsUntilOneCompletes() throws Exception {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		for (int i = 0; i < MAX_IN_FLIGHT; i++) {
			this.requests.started();
		}
		Reason shut = gate.shutBy(0);
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitUninterrupted(gate, shut));
		this.requests.finished();
		this.requests.finished();
		waiting.get(10, TimeUnit.SECONDS);
		assertThat(gate.shutBy(0)).isNull();
	}

	@Test
	void aClosedBlockingConnectionWaitsNoMoreForItsRequests() throws InterruptedException {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		this.requests.holdReads();
		gate.await(gate.shutBy(0), () -> false);
		assertThat(gate.shutBy(0)).isEqualTo(Reason.READS_HELD);
	}

	@Test
	void aBlockingConnectionHasNoRepliesToWaitFor() {
		ConnectionReadGate gate = gate(SlowConsumerPolicy.BACKPRESSURE, null);
		assertThatIllegalArgumentException().isThrownBy(() -> gate.await(Reason.REPLIES_PENDING, () -> true));
	}

	private ConnectionReadGate gate(SlowConsumerPolicy policy, ReadThrottle throttle) {
		return new ConnectionReadGate(this.feature, this.requests, MAX_IN_FLIGHT, slowConsumer(policy), this.outbound,
				this.incompleteFrame, throttle);
	}

	private static SlowConsumerLimits slowConsumer(SlowConsumerPolicy policy) {
		return new SlowConsumerLimits(MAX_PENDING, policy, 8192);
	}

	private ReadThrottle oneMessagePerHour() {
		return new RateLimits(1.0 / 3600, null, Duration.ofSeconds(1), null).newThrottle(1,
				this.readsThrottled::incrementAndGet);
	}

	private static void awaitUninterrupted(ConnectionReadGate gate, Reason shut) {
		try {
			gate.await(shut, () -> true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A feature's gate that the test shuts and opens. */
	private static final class Gate implements ReadGate {

		private volatile boolean shut;

		private final List<Long> awaited = new ArrayList<>();

		@Override
		public boolean isShut() {
			return this.shut;
		}

		@Override
		public void awaitOpen(long timeout, TimeUnit unit) {
			this.awaited.add(unit.toMillis(timeout));
		}

	}

}
