package io.tcpgateway.limits;

import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * At startup the gateway warns when the open-file limit is below what
 * {@code max-connections} needs, naming both numbers and the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenFileLimitTests {

	@Test
	void maxConnectionsAboveTheOpenFileLimitIsWarnedAbout(CapturedOutput output) {
		assumeThat(OpenFileLimit.current()).as("an open-file limit the JVM reports").isPresent();
		long limit = OpenFileLimit.current().getAsLong();
		assumeThat(limit).isLessThan(Integer.MAX_VALUE - 1000);
		int maxConnections = (int) limit + 1;
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.max-connections=" + maxConnections)) {
			assertThat(settled(output))
				.contains("The open-file limit (" + limit + ") is below what tcp-gateway.max-connections ("
						+ maxConnections + ") needs: " + (maxConnections + OpenFileLimit.RESERVE) + " descriptors");
		}
	}

	@Test
	void maxConnectionsWellBelowTheLimitIsNotWarnedAbout(CapturedOutput output) {
		assumeThat(OpenFileLimit.current()).isPresent();
		long limit = OpenFileLimit.current().getAsLong();
		assumeThat(limit).isGreaterThan(OpenFileLimit.RESERVE + 10);
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.max-connections=10")) {
			assertThat(settled(output)).contains("TCP gateway listening").doesNotContain("The open-file limit");
		}
	}

	@Test
	void eachClientsUpstreamConnectionCountsToo() {
		assertThat(OpenFileLimit.warning(20_000, 10_000, 10_000)).contains("(20000)")
			.contains("tcp-gateway.max-connections (10000)")
			.contains("20200 descriptors (10000 connections + 10000 upstream connections + 200");
		assertThat(OpenFileLimit.warning(20_000, 9_000, 4)).isNull();
	}

}
