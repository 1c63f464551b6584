package io.tcpgateway.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauges alert rules read: the memory budgets' limits as configured, readiness as 1
 * or 0, and the event loops stuck now.
 */
class ServerGaugesTests {

	@Test
	void budgetLimitsAreTheConfiguredOnes() {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.max-buffered-bytes=3MB",
				"tcp-gateway.outbound.max-pending-total=5MB")) {
			assertThat(gauge(gateway, GatewayMeters.INBOUND_BUFFERED_LIMIT)).isEqualTo(3 * 1024 * 1024);
			assertThat(gauge(gateway, GatewayMeters.OUTBOUND_PENDING_LIMIT)).isEqualTo(5 * 1024 * 1024);
		}
	}

	@Test
	void readyIsOneWhileAcceptingTrafficAndZeroWhenRefusing() {
		try (RunningGateway gateway = RunningGateway.start()) {
			assertThat(gauge(gateway, GatewayMeters.READY)).isEqualTo(1);
			AvailabilityChangeEvent.publish(gateway.context(), ReadinessState.REFUSING_TRAFFIC);
			assertThat(gauge(gateway, GatewayMeters.READY)).isZero();
			AvailabilityChangeEvent.publish(gateway.context(), ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(gauge(gateway, GatewayMeters.READY)).isEqualTo(1);
		}
	}

	@Test
	void stalledLoopsCountsALoopStuckInAHandlerUntilItRunsAgain() {
		try (RunningGateway gateway = RunningGateway.start(StallingHandler.class, "tcp-gateway.selector.event-loops=1",
				"tcp-gateway.selector.stall-timeout=1s");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			// this gateway's own latch: a rerun in the same JVM starts held again
			CountDownLatch release = gateway.context().getBean(StallingHandler.StallingEcho.class).release;
			try {
				assertThat(gauge(gateway, GatewayMeters.EVENT_LOOPS_STALLED)).isZero();
				client.send("stall");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> gauge(gateway, GatewayMeters.EVENT_LOOPS_STALLED) == 1);
				release.countDown();
				assertThat(client.receiveString()).isEqualTo("stall");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> gauge(gateway, GatewayMeters.EVENT_LOOPS_STALLED) == 0);
			}
			finally {
				// before the gateway closes, which would wait for the held loop
				release.countDown();
			}
		}
	}

	private static double gauge(RunningGateway gateway, String name) {
		return gateway.context().getBean(MeterRegistry.class).get(name).gauge().value();
	}

	/** Not annotated: {@link RunningGateway} adds it as a source. */
	static class StallingHandler {

		@Bean
		StallingEcho stallingEcho() {
			return new StallingEcho();
		}

		/**
		 * Echoes, but holds the event loop it runs on while a request says "stall", until
		 * released.
		 */
		static final class StallingEcho implements TcpMessageHandler {

			final CountDownLatch release = new CountDownLatch(1);

			@Override
			public void handle(TcpRequest request, ReplySink replies) throws InterruptedException {
				if (new String(request.payload(), StandardCharsets.US_ASCII).equals("stall")) {
					this.release.await(30, TimeUnit.SECONDS);
				}
				replies.send(request.payload());
			}

			@Override
			public boolean isBlocking() {
				return false;
			}

		}

	}

}
