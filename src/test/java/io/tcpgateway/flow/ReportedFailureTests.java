package io.tcpgateway.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a failure was reported already, found among its causes.
 */
class ReportedFailureTests {

	@Test
	void aReportedFailureAmongTheCausesIsFound() {
		ReportedFailure reported = new ReportedFailure("backend down", null);
		assertThat(ReportedFailure.isReported(new IllegalStateException("wrapped", reported))).isTrue();
		assertThat(ReportedFailure.isReported(new IllegalStateException("not reported"))).isFalse();
	}

	@Test
	// a walk that does not stop spins for good: fail the test instead
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void causesThatAreEachOthersAreWalkedOnce() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second", first);
		first.initCause(second);
		assertThat(ReportedFailure.isReported(first)).isFalse();
		IllegalStateException third = new IllegalStateException("third");
		third.initCause(new ReportedFailure("reported", third));
		assertThat(ReportedFailure.isReported(third)).isTrue();
	}

}
