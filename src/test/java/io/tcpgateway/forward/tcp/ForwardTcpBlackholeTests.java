package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upstream that drops connection attempts (its listen backlog is full, so the kernel
 * drops the bridge's SYNs) beside two live ones: once an attempt to it has failed, at
 * most one attempt at a time goes to it, and the clients of the live ones do not wait
 * behind it for the connect threads.
 */
@Timeout(120)
class ForwardTcpBlackholeTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int CLIENTS = 50;

	@Test
	void clientsOfLiveUpstreamsAreServedWhileAnAttemptToABlackholedOneWaits() throws IOException {
		List<ScriptedUpstream> live = ForwardTcpUpstreamsTests.start("a", "b");
		List<Socket> fillers = new ArrayList<>();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			fill(blackhole, fillers);
			String dead = "127.0.0.1:" + blackhole.getLocalPort();
			try (RunningGateway gateway = RunningGateway.start("tcp-gateway.framing=crlf",
					"tcp-gateway.forward.tcp.upstreams=" + dead + "," + ForwardTcpUpstreamsTests.keys(live),
					"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.connect-timeout=10s",
					"tcp-gateway.forward.tcp.health-check.interval=0")) {
				Upstream blackholed = gateway.context().getBean(Upstreams.class).find(dead);
				// round-robin gives one of three clients the blackholed upstream: its
				// attempt times out and it is served by another
				for (int i = 0; i < 3; i++) {
					try (TcpTestConnection client = patient(gateway)) {
						assertThat(client.send("hi").receiveString()).isIn("a:hi", "b:hi");
					}
				}
				await().atMost(WAIT).until(() -> blackholed.failureCount() >= 1);
				AtomicInteger served = new AtomicInteger();
				AtomicInteger failed = new AtomicInteger();
				for (int i = 0; i < CLIENTS; i++) {
					clients.execute(() -> {
						try (TcpTestConnection client = patient(gateway)) {
							assertThat(client.send("hi").receiveString()).isIn("a:hi", "b:hi");
							served.incrementAndGet();
						}
						catch (RuntimeException | AssertionError ex) {
							failed.incrementAndGet();
						}
					});
				}
				// one client at most waits for the blackholed upstream's 10 s attempt;
				// every other is served well before it ends
				await().atMost(Duration.ofSeconds(7)).until(() -> served.get() + failed.get() >= CLIENTS - 1);
				await().atMost(WAIT).until(() -> served.get() + failed.get() == CLIENTS);
				assertThat(failed).hasValue(0);
				assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "overloaded")).isZero();
			}
		}
		finally {
			clients.shutdownNow();
			ForwardTcpUpstreamsTests.closeAll(fillers);
			ForwardTcpUpstreamsTests.closeAll(live);
		}
	}

	/**
	 * @return a client that waits for its reply longer than the connect timeout
	 */
	private static TcpTestConnection patient(RunningGateway gateway) {
		TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF);
		try {
			client.socket().setSoTimeout((int) WAIT.toMillis());
		}
		catch (IOException ex) {
			client.close();
			throw new java.io.UncheckedIOException(ex);
		}
		return client;
	}

	/** Connects until the accept queue is full: then the kernel drops further SYNs. */
	private static void fill(ServerSocket server, List<Socket> fillers) throws IOException {
		while (true) {
			Socket filler = new Socket();
			try {
				filler.connect(server.getLocalSocketAddress(), 500);
			}
			catch (SocketTimeoutException ex) {
				filler.close();
				return;
			}
			fillers.add(filler);
		}
	}

}
