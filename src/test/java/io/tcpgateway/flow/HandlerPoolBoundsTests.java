package io.tcpgateway.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A blocking handler that stalls every handler thread while many clients send, over real
 * sockets: the handler pool's queue never holds more than its capacity, the connections
 * past it are not read (no request is dropped), and reply timeouts still fire.
 */
@Timeout(120)
class HandlerPoolBoundsTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int CLIENTS = 10;

	private static final int FRAMES = 3;

	private static volatile CountDownLatch stall = new CountDownLatch(1);

	private static final AtomicInteger handled = new AtomicInteger();

	@AfterEach
	void release() {
		stall.countDown();
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void stalledHandlerThreadsHoldTheReadsOfConnectionsPastTheQueueAndRepliesStillTimeOut(IoMode ioMode) {
		stall = new CountDownLatch(1);
		handled.set(0);
		try (RunningGateway gateway = RunningGateway.start(StallingHandler.class,
				"tcp-gateway.io-mode=" + ioMode.name().toLowerCase(), "tcp-gateway.handler.threads=2",
				"tcp-gateway.handler.queue-capacity=2", "tcp-gateway.handler.reply-timeout=1s",
				"tcp-gateway.handler.on-error=reply", "tcp-gateway.handler.error-reply=TIMEOUT",
				"tcp-gateway.selector.read-delay=10ms")) {
			HandlerPool pool = gateway.context().getBean(HandlerPool.class);
			MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
			AtomicInteger mostQueued = new AtomicInteger();
			List<TcpTestConnection> clients = new ArrayList<>();
			try {
				for (int c = 0; c < CLIENTS; c++) {
					TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
					clients.add(client);
					// in one write, so read at once: a connection whose first request is
					// parked reads nothing more, and frames left in its socket are no
					// requests yet, to time out
					String[] frames = new String[FRAMES];
					for (int i = 0; i < FRAMES; i++) {
						frames[i] = "c" + c + "-" + i;
					}
					client.pipeline(frames);
				}
				// every frame read; two running, two queued, the other connections' tasks
				// parked
				await().atMost(WAIT).until(() -> {
					mostQueued.accumulateAndGet(pool.queued(), Math::max);
					return Meters.count(meters, GatewayMeters.MESSAGES_RECEIVED) == CLIENTS * FRAMES
							&& handled.get() == 2 && pool.parked() == CLIENTS - 4;
				});
				// every request is in flight, stalled or waiting: each times out, the
				// pool still saturated
				for (TcpTestConnection client : clients) {
					for (int i = 0; i < FRAMES; i++) {
						assertThat(client.receiveString()).isEqualTo("TIMEOUT");
					}
					mostQueued.accumulateAndGet(pool.queued(), Math::max);
				}
				assertThat(handled).hasValue(2);
				assertThat(Meters.count(meters, GatewayMeters.MESSAGES_RECEIVED)).isEqualTo(CLIENTS * FRAMES);

				// a held connection reads nothing more; the running and queued ones do
				for (TcpTestConnection client : clients) {
					client.send("late");
				}
				await().during(Duration.ofMillis(500))
					.atMost(WAIT)
					.until(() -> Meters.count(meters, GatewayMeters.MESSAGES_RECEIVED) == CLIENTS * FRAMES + 4);
				assertThat(pool.parked()).isEqualTo(CLIENTS - 4);
				assertThat(mostQueued.get()).isLessThanOrEqualTo(2);
				assertThat(pool.queueCapacity()).isEqualTo(2);

				// released: every request read is handled, none dropped
				stall.countDown();
				await().atMost(WAIT).until(() -> handled.get() == CLIENTS * (FRAMES + 1));
				assertThat(pool.parked()).isZero();
				for (TcpTestConnection client : clients) {
					client.send("again");
					// the late frame's answer first: its reply, or its timeout should it
					// have waited a second
					assertThat(client.receiveString()).isIn("done late", "TIMEOUT");
					assertThat(client.receiveString()).isEqualTo("done again");
				}
			}
			finally {
				clients.forEach(TcpTestConnection::close);
			}
		}
	}

	@Test
	void queueCapacityBelowOneFailsStartupNamingTheProperty() {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.handler.queue-capacity=0"))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("tcp-gateway.handler.queue-capacity"));
	}

	static class StallingHandler {

		@Bean
		TcpMessageHandler stalling() {
			return (request, replies) -> {
				handled.incrementAndGet();
				try {
					stall.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				replies.send("done " + request.asString());
			};
		}

	}

}
