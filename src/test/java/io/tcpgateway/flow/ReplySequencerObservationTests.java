package io.tcpgateway.flow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.observation.TcpRequestObservationContext;
import io.tcpgateway.observation.TcpRequestOutcome;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request observations a connection's reply order ends: those of requests that arrive
 * after their connection closed, at once, as closed; those of requests that timed out,
 * with no lock held, so that the application's observation handlers run while other
 * threads may use the connection.
 */
class ReplySequencerObservationTests {

	@Test
	void aRequestThatArrivesAfterItsConnectionClosedEndsAsClosedAtOnce() {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			GatewayConnectionContext context = contextOf(gateway);
			context.connection().close(CloseReason.CLIENT, CloseMode.NOW);
			List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
			Observation observation = start(context.connection(), stopped::add);
			context.sequencer().begin(null, context, observation, false);
			assertThat(stopped).containsExactly(observation.getContext());
			assertThat(outcome(observation)).isEqualTo(TcpRequestOutcome.CLOSED);
		}
	}

	@Test
	void theObservationOfARequestThatTimedOutEndsWithTheConnectionsLockFree() throws Exception {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.io-mode=net");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			GatewayConnectionContext context = contextOf(gateway);
			ReplySequencer sequencer = context.sequencer();
			long farAhead = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
			List<Boolean> lockFreeWhenStopped = new CopyOnWriteArrayList<>();
			// another thread may take the lock (and find the later request open) while
			// the observation stops
			Observation observation = start(context.connection(), (stopping) -> lockFreeWhenStopped
				.add(CompletableFuture.supplyAsync(() -> sequencer.startExpiring(farAhead)).join()));
			RequestReplies timedOut = sequencer.begin(null, context, observation, false);
			long deadline = timedOut.startedNanos() + 1;
			await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - deadline > 0);
			RequestReplies later = sequencer.begin(null, context, null, false);
			assertThat(sequencer.expire(deadline, null)).isEqualTo(1);
			assertThat(outcome(observation)).isEqualTo(TcpRequestOutcome.TIMEOUT);
			assertThat(lockFreeWhenStopped).containsExactly(true);
			sequencer.complete(later);
		}
	}

	private static GatewayConnectionContext contextOf(RunningGateway gateway) {
		ConnectionRegistry registry = gateway.context().getBean(ConnectionRegistry.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> registry.live().stream().anyMatch((live) -> live.context() != null));
		Connection connection = registry.live().iterator().next();
		return (GatewayConnectionContext) connection.context();
	}

	private static Observation start(Connection connection, Consumer<Observation.Context> onStop) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				onStop.accept(context);
			}

		});
		TcpRequestObservationContext observed = new TcpRequestObservationContext(connection.getConnectionId(),
				connection.remoteSocketAddress(), "crlf", "handler", 4);
		return Observation.start("tcp.gateway.request", () -> observed, registry);
	}

	private static TcpRequestOutcome outcome(Observation observation) {
		return ((TcpRequestObservationContext) observation.getContext()).getOutcome();
	}

}
