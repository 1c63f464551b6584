package io.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.OpenSsl;
import io.netty.util.ReferenceCounted;
import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TlsClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Every OpenSSL engine is freed when its connection closes, whatever path the close
 * takes: no garbage collector frees one that is not, so each path below would otherwise
 * leave an engine, its native {@code SSL} and its context behind for good.
 */
class OpenSslEngineReleaseTests {

	private static final String OPENSSL = "tcp-gateway.ssl.provider=openssl";

	@BeforeAll
	static void openSslLoads() {
		assumeThat(OpenSsl.isAvailable()).as("%s", OpenSsl.unavailabilityCause()).isTrue();
	}

	@BeforeEach
	void noEngineLeftByEarlierTests() {
		awaitNoLiveEngine();
	}

	@Test
	void clientResetAfterTheHandshake() throws Exception {
		try (RunningGateway gateway = start()) {
			Socket raw = handshaken(gateway);
			raw.setSoLinger(true, 0);
			raw.close();
			awaitNoLiveEngine();
		}
	}

	@Test
	void clientEndOfStreamWithoutCloseNotify() throws Exception {
		try (RunningGateway gateway = start(); Socket raw = handshaken(gateway)) {
			raw.shutdownOutput();
			// the gateway's close_notify, then the end of the stream
			raw.getInputStream().readAllBytes();
			assertThat(raw.getInputStream().read()).isEqualTo(-1);
			awaitNoLiveEngine();
		}
	}

	@Test
	void handshakeTimeout() throws Exception {
		try (RunningGateway gateway = start("tcp-gateway.ssl.handshake-timeout=300ms");
				Socket plain = new Socket("127.0.0.1", gateway.port())) {
			plain.setSoTimeout(10_000);
			assertThat(plain.getInputStream().read()).isEqualTo(-1);
			awaitNoLiveEngine();
		}
	}

	@Test
	void idleTimeout() throws Exception {
		try (RunningGateway gateway = start("tcp-gateway.idle-timeout=300ms"); Socket raw = handshaken(gateway)) {
			assertThat(raw.getInputStream().readAllBytes()).isNotEmpty();
			awaitNoLiveEngine();
		}
	}

	@Test
	void adminCloseFromAnotherThread() throws Exception {
		try (RunningGateway gateway = start(); Socket raw = handshaken(gateway)) {
			gateway.context()
				.getBean(ConnectionRegistry.class)
				.live()
				.iterator()
				.next()
				.close(CloseReason.ADMIN, CloseMode.NOW);
			assertThat(raw.getInputStream().readAllBytes()).isNotEmpty();
			awaitNoLiveEngine();
		}
	}

	@Test
	void connectionRefusedOverMaxConnections() throws Exception {
		try (RunningGateway gateway = start("tcp-gateway.max-connections=1"); Socket served = handshaken(gateway)) {
			try (Socket refused = new Socket("127.0.0.1", gateway.port())) {
				refused.setSoTimeout(10_000);
				assertThat(refused.getInputStream().read()).isEqualTo(-1);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> OpenSslEngines.LIVE_ENGINES.get() == 1);
		}
		awaitNoLiveEngine();
	}

	@Test
	void floodOfConnectAndResetLeavesNoEngine() throws Exception {
		try (RunningGateway gateway = start()) {
			for (int i = 0; i < 2_000; i++) {
				try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
					socket.setSoLinger(true, 0);
				}
			}
			awaitNoLiveEngine();
			// and the listener still serves
			handshaken(gateway).close();
			awaitNoLiveEngine();
		}
	}

	@Test
	void contextIsReleasedWhenTheGatewayStopsWithAConnectionOpen() throws Exception {
		RunningGateway gateway = start();
		try (Socket open = handshaken(gateway)) {
			TlsSettings tls = gateway.context().getBean(GatewayServer.class).tls();
			ServerEngines engines = tls.current().openSsl();
			ReferenceCounted context = (ReferenceCounted) ReflectionTestUtils.getField(engines, "context");
			// the listener's reference and the open connection's engine's
			assertThat(context.refCnt()).isGreaterThan(1);
			gateway.close();
			awaitNoLiveEngine();
			assertThat(context.refCnt()).isZero();
			assertThat(engines.newEngine("127.0.0.1", 1)).isNull();
			// a connection accepted as the listener stopped fails, rather than waiting
			// for a renewal that will not come
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> tls.newSession("127.0.0.1", 1));
		}
		finally {
			gateway.close();
		}
	}

	/** One line echoed over TLS; the raw socket under it, to end the connection with. */
	private static Socket handshaken(RunningGateway gateway) throws Exception {
		Socket raw = TlsClients.connect(gateway.port());
		SSLSocket client = TlsClients.layer(raw, TlsClients.clientContext(false));
		byte[] line = TlsClients.sendLine(client, "hello");
		assertThat(client.getInputStream().readNBytes(line.length)).isEqualTo(line);
		assertThat(OpenSslEngines.LIVE_ENGINES.get()).isPositive();
		return raw;
	}

	private static void awaitNoLiveEngine() {
		await().atMost(Duration.ofSeconds(20)).until(() -> OpenSslEngines.LIVE_ENGINES.get() == 0);
	}

	private static RunningGateway start(String... properties) throws IOException {
		String[] all = new String[properties.length + 1];
		all[0] = OPENSSL;
		System.arraycopy(properties, 0, all, 1, properties.length);
		return TlsTests.start(IoMode.NIO, all);
	}

}
