package io.tcpgateway.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection to which nothing has been written for the heartbeat interval gets the
 * heartbeat; one that is answered often gets none, and a client that answers heartbeats
 * is not idle.
 */
class HeartbeatTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void silentClientGetsHeartbeatsAtTheIntervalAndABusyOneNone(IoMode mode) throws Exception {
		Duration interval = Duration.ofMillis(700);
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.heartbeat.interval=" + interval.toMillis() + "ms");
				TcpTestConnection silent = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection busy = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			List<Long> arrivals = new CopyOnWriteArrayList<>();
			long busyUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
			CompletableFuture<Void> silentReader = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 3; i++) {
					assertThat(silent.receiveString()).isEqualTo("PING");
					arrivals.add(System.nanoTime());
				}
			});
			// a request every 50 ms: a reply is never an interval old
			while (System.nanoTime() - busyUntil < 0) {
				assertThat(busy.echoes("work")).isTrue();
				await().pollDelay(Duration.ofMillis(50)).until(() -> true);
			}
			silentReader.get(10, TimeUnit.SECONDS);
			assertThat(arrivals).hasSize(3);
			for (int i = 1; i < arrivals.size(); i++) {
				assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
					.isGreaterThanOrEqualTo(interval.multipliedBy(9).dividedBy(10));
			}
			// the busy client received only its replies: the next frame is its own
			assertThat(busy.echoes("still only replies")).isTrue();
			MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
			assertThat(Meters.count(meters, GatewayMeters.HEARTBEATS_SENT)).isGreaterThanOrEqualTo(3);
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void clientThatAnswersHeartbeatsIsNotIdleWhileOneThatDoesNotIsClosed(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.heartbeat.interval=300ms", "tcp-gateway.idle-timeout=1s");
				TcpTestConnection answering = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection quiet = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3500);
			while (System.nanoTime() - until < 0) {
				String frame = answering.receiveString();
				if (frame.equals("PING")) {
					answering.send("PONG");
				}
				else {
					assertThat(frame).isEqualTo("PONG");
				}
			}
			answering.send("still open");
			String frame = answering.receiveString();
			while (!frame.equals("still open")) {
				assertThat(frame).isIn("PING", "PONG");
				frame = answering.receiveString();
			}
			assertThat(quiet.awaitClosed()).isTrue();
		}
	}

}
