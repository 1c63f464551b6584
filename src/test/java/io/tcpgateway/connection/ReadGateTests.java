package io.tcpgateway.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features' read gates taken together: shut while any one is, and a blocking
 * connection waits on the one that is shut.
 */
class ReadGateTests {

	@Test
	void noGateIsAlwaysOpen() {
		assertThat(ReadGate.allOf(List.of())).isSameAs(ReadGate.OPEN);
		assertThat(ReadGate.OPEN.isShut()).isFalse();
	}

	@Test
	void oneGateIsItself() {
		Gate gate = new Gate();
		assertThat(ReadGate.allOf(List.of(gate))).isSameAs(gate);
	}

	@Test
	void gatesTogetherAreShutWhileAnyIsAndWaitOnTheShutOne() throws InterruptedException {
		Gate first = new Gate();
		Gate second = new Gate();
		ReadGate all = ReadGate.allOf(List.of(first, second));
		assertThat(all.isShut()).isFalse();
		second.shut = true;
		assertThat(all.isShut()).isTrue();
		all.awaitOpen(1, TimeUnit.MILLISECONDS);
		assertThat(first.awaited).isEmpty();
		assertThat(second.awaited).containsExactly(1L);
		second.shut = false;
		assertThat(all.isShut()).isFalse();
	}

	private static final class Gate implements ReadGate {

		private boolean shut;

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
