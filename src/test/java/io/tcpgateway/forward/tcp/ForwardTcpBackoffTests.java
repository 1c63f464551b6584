package io.tcpgateway.forward.tcp;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection attempts to a dead upstream stay bounded by its backoff (at least 100 ms
 * after a failure, doubling to 2 s), however many clients arrive: with another upstream
 * up, and with none.
 */
@Timeout(120)
class ForwardTcpBackoffTests {

	private static final int CLIENTS = 60;

	/** The two connect threads may each make an attempt as a backoff ends. */
	private static long bound(long elapsedNanos) {
		return 2 * (1 + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) / 100);
	}

	private static String deadAddress() throws Exception {
		try (ServerSocket free = new ServerSocket(0)) {
			return "127.0.0.1:" + free.getLocalPort();
		}
	}

	@Test
	void manyClientsBesideADeadUpstreamAreServedAndTryItOnlyAsItsBackoffAllows() throws Exception {
		String dead = deadAddress();
		List<ScriptedUpstream> live = ForwardTcpUpstreamsTests.start("a");
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.framing=length-header-2",
				"tcp-gateway.forward.tcp.upstreams=" + dead + "," + live.get(0).key(),
				"tcp-gateway.forward.tcp.health-check.interval=0")) {
			Upstream deadState = gateway.context().getBean(Upstreams.class).find(dead);
			long start = System.nanoTime();
			for (int i = 0; i < CLIENTS; i++) {
				assertThat(ForwardTcpUpstreamsTests.servedBy(gateway, clients)).isEqualTo("a");
				clients.remove(0).close();
			}
			long elapsed = System.nanoTime() - start;
			assertThat(deadState.failureCount()).isBetween(1L, Math.min(CLIENTS / 2 - 1, bound(elapsed)));
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(clients);
			ForwardTcpUpstreamsTests.closeAll(live);
		}
	}

	@Test
	void manyClientsOfTheOnlyUpstreamWhileItIsDeadTryItOnlyAsItsBackoffAllows() throws Exception {
		String dead = deadAddress();
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.upstreams=" + dead,
				"tcp-gateway.forward.tcp.health-check.interval=0")) {
			Upstream deadState = gateway.context().getBean(Upstreams.class).find(dead);
			long start = System.nanoTime();
			for (int i = 0; i < CLIENTS; i++) {
				try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					assertThat(client.awaitClosed()).isTrue();
				}
			}
			long elapsed = System.nanoTime() - start;
			assertThat(deadState.failureCount()).isBetween(1L, Math.min(CLIENTS / 2 - 1, bound(elapsed)));
		}
	}

}
