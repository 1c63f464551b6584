package io.tcpgateway.flow;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The listener starts, and the TCP port accepts, only once the handler or flow that
 * answers frames has been chosen ({@link HandlerSelection}, phase
 * {@code Integer.MAX_VALUE / 2 - 1}), not with Spring Integration's outbound endpoint at
 * {@code Integer.MIN_VALUE}.
 */
class ListenerStartTests {

	private static final Map<IoMode, Boolean> startedJustBeforeSelection = new ConcurrentHashMap<>();

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void theListenerIsNotStartedBeforeTheHandlerIsChosen(IoMode mode) {
		try (RunningGateway gateway = RunningGateway.start(ListeningProbe.class, "tcp-gateway.io-mode=" + mode);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(startedJustBeforeSelection.remove(mode)).isFalse();
			assertThat(client.echoes("hello")).isTrue();
		}
	}

	@Test
	void anApplicationThatKeepsTheInboundAdapterFromStartingStartsWithoutListening() {
		try (RunningGateway gateway = RunningGateway
			.start("spring.integration.endpoint.no-auto-startup=tcpGatewayInboundFlow*")) {
			GatewayServer server = gateway.context().getBean(GatewayServer.class);
			assertThat(server.connectionFactory().isRunning()).isFalse();
			assertThat(server.isListening()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void aPortInUseFailsStartupAlsoWhenTheBindFailedBeforeTheCheckLooked(IoMode mode) throws Exception {
		try (ServerSocket occupied = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThatException().isThrownBy(() -> RunningGateway.start(BindFailureWait.class,
					"tcp-gateway.io-mode=" + mode, "tcp-gateway.port=" + occupied.getLocalPort()))
				.withRootCauseInstanceOf(BindException.class);
		}
	}

	/**
	 * Waits, in the phase before the listener's startup check, until the bind has failed
	 * and stopped the factory again.
	 */
	static class BindFailureWait {

		@Bean
		PhaseStep bindFailureWait(GatewayServer server) {
			return new PhaseStep(Integer.MAX_VALUE - 1001,
					() -> await().until(() -> !server.connectionFactory().isRunning()));
		}

	}

	/** Looks at the listener in the phase just before the handler is chosen. */
	static class ListeningProbe {

		@Bean
		PhaseStep listeningProbe(GatewayServer server, Environment environment) {
			// the server, not its factory: a started bean that depends on the factory
			// would start it, which is what this test looks for
			IoMode mode = environment.getRequiredProperty("tcp-gateway.io-mode", IoMode.class);
			return new PhaseStep(Integer.MAX_VALUE / 2 - 2, () -> startedJustBeforeSelection.put(mode,
					server.connectionFactory().isRunning() || server.isListening()));
		}

	}

	/** Does one thing when the context starts, in a given phase. */
	static final class PhaseStep implements SmartLifecycle {

		private final int phase;

		private final Runnable step;

		private volatile boolean running;

		PhaseStep(int phase, Runnable step) {
			this.phase = phase;
			this.step = step;
		}

		@Override
		public void start() {
			this.step.run();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return this.phase;
		}

	}

}
