package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Active checks with {@code send} and {@code expect}, in the upstream's framing, against
 * real upstreams: one that answers as expected stays up, one that answers otherwise goes
 * down, with the reason.
 */
@Timeout(120)
class ForwardTcpHealthCheckTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void upstreamWhoseReplyToTheCheckIsNotTheExpectedOneGoesDown() {
		ScriptedUpstream.Script healthy = (peer, frame) -> peer.send(frame.equals("PING") ? "PONG ok" : "up:" + frame);
		ScriptedUpstream.Script confused = (peer, frame) -> peer.send("what?");
		List<ScriptedUpstream> upstreams = List.of(ScriptedUpstream.start(healthy), ScriptedUpstream.start(confused));
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams,
				"tcp-gateway.forward.tcp.health-check.interval=200ms", "tcp-gateway.forward.tcp.health-check.send=PING",
				"tcp-gateway.forward.tcp.health-check.expect=PONG")) {
			Upstream good = ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(0));
			Upstream bad = ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(1));
			await().atMost(WAIT).until(() -> bad.state() == UpstreamState.DOWN);
			assertThat(bad.health().lastError()).contains("health-check.expect");
			await().atMost(WAIT).until(() -> good.health().lastCheck() != null);
			// the check's PING and the PONG reply went in the upstream's framing
			assertThat(good.state()).isEqualTo(UpstreamState.UP);
			assertThat(good.health().lastError()).isNull();
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void upstreamThatNeverAnswersTheCheckGoesDownWithinTheTimeout() {
		ScriptedUpstream.Script silent = (peer, frame) -> {
		};
		List<ScriptedUpstream> upstreams = List.of(ScriptedUpstream.start(silent));
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams,
				"tcp-gateway.forward.tcp.health-check.interval=200ms",
				"tcp-gateway.forward.tcp.health-check.timeout=300ms", "tcp-gateway.forward.tcp.health-check.send=PING",
				"tcp-gateway.forward.tcp.health-check.expect=PONG")) {
			Upstream upstream = ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(0));
			await().atMost(WAIT).until(() -> upstream.state() == UpstreamState.DOWN);
			assertThat(upstream.health().lastError()).containsIgnoringCase("timed out");
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void clientsThatKeepConnectingDoNotHideAFailingCheck() {
		ScriptedUpstream.Script confused = (peer, frame) -> peer.send("what?");
		List<ScriptedUpstream> upstreams = List.of(ScriptedUpstream.start(confused));
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger clients = new AtomicInteger();
		ExecutorService connecting = Executors.newSingleThreadExecutor();
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(upstreams,
				"tcp-gateway.forward.tcp.health-check.interval=200ms", "tcp-gateway.forward.tcp.health-check.fall=3",
				"tcp-gateway.forward.tcp.health-check.send=PING", "tcp-gateway.forward.tcp.health-check.expect=PONG")) {
			Upstream upstream = ForwardTcpUpstreamsTests.upstream(gateway, upstreams.get(0));
			// a client connection opens between every two checks
			connecting.execute(() -> {
				while (!stop.get()) {
					try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
						client.send("hi").receiveString();
						clients.incrementAndGet();
					}
					catch (RuntimeException ex) {
						// a client refused once the upstream is down
					}
				}
			});
			await().atMost(WAIT).until(() -> clients.get() >= 1);
			await().atMost(WAIT).until(() -> upstream.state() == UpstreamState.DOWN);
			assertThat(upstream.health().lastError()).contains("health-check.expect");
		}
		finally {
			stop.set(true);
			connecting.shutdownNow();
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void upstreamThatTricklesItsReplyGoesDownWithinFallTimesTheTimeout() throws IOException {
		ExecutorService threads = Executors.newCachedThreadPool();
		try (ServerSocket trickling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			threads.execute(() -> {
				while (!trickling.isClosed()) {
					try {
						Socket socket = trickling.accept();
						threads.execute(() -> trickle(socket));
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			String key = "127.0.0.1:" + trickling.getLocalPort();
			try (RunningGateway gateway = RunningGateway.start("tcp-gateway.framing=crlf",
					"tcp-gateway.forward.tcp.upstreams=" + key, "tcp-gateway.forward.tcp.framing=length-header-2",
					"tcp-gateway.forward.tcp.health-check.interval=200ms",
					"tcp-gateway.forward.tcp.health-check.timeout=1s", "tcp-gateway.forward.tcp.health-check.fall=2",
					"tcp-gateway.forward.tcp.health-check.send=PING",
					"tcp-gateway.forward.tcp.health-check.expect=PONG")) {
				Upstream upstream = gateway.context().getBean(Upstreams.class).find(key);
				// each check is over after its 1 s, not after a timeout per byte of the
				// 100-byte reply (30 s); fall (2) of them take it down
				await().atMost(Duration.ofSeconds(12)).until(() -> upstream.state() == UpstreamState.DOWN);
				assertThat(upstream.health().lastError()).containsIgnoringCase("timed out");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * A reply that would pass, a 100-byte frame starting with PONG, one byte every 300
	 * ms.
	 */
	private static void trickle(Socket socket) {
		byte[] frame = new byte[102];
		frame[1] = 100;
		System.arraycopy("PONG".getBytes(), 0, frame, 2, 4);
		try (socket) {
			OutputStream output = socket.getOutputStream();
			for (byte b : frame) {
				output.write(b);
				output.flush();
				Thread.sleep(300);
			}
		}
		catch (IOException ex) {
			// the check gave up
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
