package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-connection mode against an upstream that does not accept, over real sockets: the
 * upstream's listen backlog is full, so the kernel drops the bridge's SYNs and both
 * connect threads wait in attempts. Clients that leave meanwhile get no upstream
 * connection (one whose attempt was under way has it closed as soon as it opens), and
 * past {@link UpstreamClient#MAX_CONNECTS_WAITING} waiting attempts a client is refused
 * at once.
 */
@Timeout(120)
class ForwardTcpConnectQueueTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<Socket> fillers = new ArrayList<>();

	private final Set<Integer> fillerPorts = ConcurrentHashMap.newKeySet();

	private final Set<Integer> accepted = ConcurrentHashMap.newKeySet();

	private final List<Socket> fromGateway = new CopyOnWriteArrayList<>();

	private ServerSocket upstream;

	private Thread acceptor;

	@BeforeEach
	void upstreamWithAFullBacklog() throws IOException {
		this.upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		// connected until the accept queue is full: then the kernel drops further SYNs
		while (true) {
			Socket filler = new Socket();
			try {
				filler.connect(this.upstream.getLocalSocketAddress(), 500);
			}
			catch (SocketTimeoutException ex) {
				filler.close();
				break;
			}
			this.fillers.add(filler);
			this.fillerPorts.add(filler.getLocalPort());
		}
	}

	@AfterEach
	void close() throws Exception {
		for (Socket filler : this.fillers) {
			filler.close();
		}
		for (Socket socket : this.fromGateway) {
			socket.close();
		}
		this.upstream.close();
		if (this.acceptor != null) {
			this.acceptor.join(10_000);
		}
	}

	@Test
	void clientThatLeavesWhileItsConnectionWaitsGetsNoUpstreamConnection() {
		try (RunningGateway gateway = gateway()) {
			UpstreamClient client = gateway.context().getBean(UpstreamClient.class);
			List<TcpTestConnection> staying = new ArrayList<>();
			try {
				// these two hold both connect threads, in attempts the kernel does not
				// answer
				staying.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				staying.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				for (int i = 0; i < 20; i++) {
					try (TcpTestConnection leaving = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
						await().atMost(WAIT).until(() -> client.connectsWaiting() == 1);
					}
					// its attempt leaves the queue with it
					await().atMost(WAIT).until(() -> client.connectsWaiting() == 0);
				}
				startAccepting();
				// once the last client's connection is accepted, every earlier attempt
				// has run
				staying.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				await().atMost(WAIT).until(() -> upstreamConnections() == 3);
				await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> upstreamConnections() == 3);
				assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "connect")).isZero();
			}
			finally {
				staying.forEach(TcpTestConnection::close);
			}
		}
	}

	@Test
	void connectionThatOpensAfterItsClientLeftIsClosedAtOnce() {
		try (RunningGateway gateway = gateway();
				TcpTestConnection staying = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			// both attempts are under way, neither answered
			try (TcpTestConnection leaving = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				UpstreamClient client = gateway.context().getBean(UpstreamClient.class);
				try (TcpTestConnection probe = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					await().atMost(WAIT).until(() -> client.connectsWaiting() == 1);
				}
				await().atMost(WAIT).until(() -> client.connectsWaiting() == 0);
			}
			startAccepting();
			await().atMost(WAIT).until(() -> this.fromGateway.size() == 2);
			// the leaving client's connection is closed by the gateway, the other stays
			await().atMost(WAIT)
				.until(() -> this.fromGateway.stream().filter(ForwardTcpConnectQueueTests::closedByPeer).count() == 1);
			await().during(Duration.ofMillis(300))
				.atMost(WAIT)
				.until(() -> this.fromGateway.stream().filter(ForwardTcpConnectQueueTests::closedByPeer).count() == 1);
		}
	}

	@Test
	void pastTheWaitingAttemptsBoundAClientIsRefusedAtOnceAndCounted() {
		try (RunningGateway gateway = gateway()) {
			UpstreamClient client = gateway.context().getBean(UpstreamClient.class);
			List<TcpTestConnection> waiting = new ArrayList<>();
			try {
				waiting.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				waiting.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				for (int i = 0; i < UpstreamClient.MAX_CONNECTS_WAITING; i++) {
					waiting.add(TcpTestConnection.open(gateway.port(), Framing.CRLF));
				}
				await().atMost(WAIT).until(() -> client.connectsWaiting() == UpstreamClient.MAX_CONNECTS_WAITING);
				try (TcpTestConnection refused = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					assertThat(refused.awaitClosed()).isTrue();
				}
				assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "overloaded")).isEqualTo(1);
				assertThat(client.connectsWaiting()).isEqualTo(UpstreamClient.MAX_CONNECTS_WAITING);
			}
			finally {
				waiting.forEach(TcpTestConnection::close);
			}
			// the clients that left took their attempts with them
			await().atMost(WAIT).until(() -> client.connectsWaiting() == 0);
		}
	}

	/**
	 * Without active health checks: their own connection attempts would join the
	 * upstream's queue and be counted among the bridge's.
	 */
	private RunningGateway gateway() {
		return RunningGateway.start("tcp-gateway.framing=crlf", "tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + this.upstream.getLocalPort(),
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.connect-timeout=60s",
				"tcp-gateway.forward.tcp.health-check.interval=0");
	}

	/**
	 * Accepts from now on, the fillers first, then the connections whose SYNs the kernel
	 * dropped once they are sent again.
	 */
	private void startAccepting() {
		this.acceptor = new Thread(() -> {
			try {
				while (true) {
					Socket socket = this.upstream.accept();
					this.accepted.add(socket.getPort());
					if (!this.fillerPorts.contains(socket.getPort())) {
						this.fromGateway.add(socket);
					}
				}
			}
			catch (IOException ex) {
				if (!this.upstream.isClosed()) {
					throw new UncheckedIOException(ex);
				}
			}
		}, "upstream-acceptor");
		this.acceptor.start();
	}

	private static boolean closedByPeer(Socket socket) {
		try {
			socket.setSoTimeout(50);
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * @return connections the upstream accepted from the gateway
	 */
	private long upstreamConnections() {
		return this.accepted.stream().filter((port) -> !this.fillerPorts.contains(port)).count();
	}

}
