package io.tcpgateway.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.Meters;
import io.tcpgateway.testing.RunningGateway;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client over its message or byte rate is slowed down by not being read, loses nothing,
 * and slows nobody else; a client opening connections too fast has the excess closed.
 */
class RateLimitTests {

	/** A bystander's round trip while another client is held to its rate. */
	private static final long FAST_ROUND_TRIP_NANOS = TimeUnit.SECONDS.toNanos(1);

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void pipelinedLinesOverTheMessageRateAllArriveInOrderAtThatRate(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.rate-limit.messages-per-second=200");
				TcpTestConnection limited = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			String[] lines = IntStream.rangeClosed(1, 600).mapToObj(Integer::toString).toArray(String[]::new);
			CompletableFuture<Long> lastAfterFirst = CompletableFuture
				.supplyAsync(() -> receiveInOrder(limited.pipeline(lines), lines));

			// the bystander's round trips stay fast while the limited client is held back
			while (!lastAfterFirst.isDone()) {
				long started = System.nanoTime();
				assertThat(bystander.echoes("bystander")).isTrue();
				assertThat(System.nanoTime() - started).isLessThan(FAST_ROUND_TRIP_NANOS);
			}
			// a burst of 200 at once, then 400 more at 200 a second
			assertThat(Duration.ofNanos(lastAfterFirst.get(30, TimeUnit.SECONDS)))
				.isGreaterThan(Duration.ofMillis(1700));
			assertThat(Meters.count(gateway.context().getBean(MeterRegistry.class), GatewayMeters.READS_THROTTLED))
				.isPositive();
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void bytesOverTheByteRateAllArriveInOrderAtThatRate(IoMode mode) throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.rate-limit.bytes-per-second=2KB");
				TcpTestConnection limited = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			// 60 lines of 100 bytes: 6,120 bytes with their CR LF, 2,048 at once, then
			// 2,048 a second
			String[] lines = IntStream.rangeClosed(1, 60)
				.mapToObj((i) -> String.format("%03d", i).repeat(34).substring(0, 100))
				.toArray(String[]::new);
			long lastAfterFirst = receiveInOrder(limited.pipeline(lines), lines);
			assertThat(Duration.ofNanos(lastAfterFirst)).isGreaterThan(Duration.ofMillis(1500));
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void connectionsOverTheConnectionRateAreClosedAtAcceptWhileOtherClientsConnect(IoMode mode) throws Exception {
		InetAddress hasty = InetAddress.getByName("127.0.0.1");
		InetAddress other = InetAddress.getByName("127.0.0.2");
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=" + mode,
				"tcp-gateway.rate-limit.connections-per-second=5")) {
			List<TcpTestConnection> opened = new ArrayList<>();
			try {
				for (int i = 0; i < 12; i++) {
					opened.add(TcpTestConnection.open(hasty, gateway.port(), Framing.CRLF, 1024));
				}
				int served = 0;
				for (TcpTestConnection connection : opened) {
					if (connection.echoes("hello")) {
						served++;
					}
					else {
						assertThat(connection.awaitClosed()).isTrue();
					}
				}
				// five at once, and a sixth if the rate returned one while they were
				// opened
				assertThat(served).isBetween(5, 6);
				assertThat(gateway.counter(GatewayMeters.CONNECTIONS_REJECTED, "rate")).isEqualTo(12 - served);
				try (TcpTestConnection elsewhere = TcpTestConnection.open(other, gateway.port(), Framing.CRLF, 1024)) {
					assertThat(elsewhere.echoes("from another address")).isTrue();
				}
			}
			finally {
				opened.forEach(TcpTestConnection::close);
			}
		}
	}

	/**
	 * @return nanoseconds from the first reply to the last
	 */
	private static long receiveInOrder(TcpTestConnection connection, String[] expected) {
		long first = 0;
		for (int i = 0; i < expected.length; i++) {
			assertThat(connection.receiveString()).isEqualTo(expected[i]);
			if (i == 0) {
				first = System.nanoTime();
			}
		}
		return System.nanoTime() - first;
	}

}
