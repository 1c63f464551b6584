package io.tcpgateway.logging;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An access log entry is the line it writes: the connection's observation it carries for
 * the line's trace takes no part in its equality or its text.
 */
class AccessLogEntryTests {

	@Test
	void theObservationIsLeftOutOfEqualityAndText() {
		InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);
		Instant openedAt = Instant.parse("2026-01-01T00:00:00Z");
		Observation observation = Observation.createNotStarted("tcp.gateway.connection", ObservationRegistry.create());
		AccessLogEntry observed = new AccessLogEntry("id-1", client, 9000, openedAt, Duration.ofSeconds(2), 10, 20, 1,
				2, "client", observation);
		AccessLogEntry unobserved = new AccessLogEntry("id-1", client, 9000, openedAt, Duration.ofSeconds(2), 10, 20, 1,
				2, "client");
		assertThat(observed).isEqualTo(unobserved).hasSameHashCodeAs(unobserved);
		assertThat(observed.toString()).isEqualTo(unobserved.toString())
			.contains("id-1", "client")
			.doesNotContain("tcp.gateway.connection");
		assertThat(observed).isNotEqualTo(new AccessLogEntry("id-2", client, 9000, openedAt, Duration.ofSeconds(2), 10,
				20, 1, 2, "client", observation));
	}

}
