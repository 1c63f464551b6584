package io.tcpgateway.forward.tcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.tcpgateway.forward.tcp.OrderedNioSslConnectionSupport.OrderedNioSslConnection;
import io.tcpgateway.forward.tcp.OrderedNioSslConnectionSupport.TlsHandshake;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An upstream that ends its TLS session: its close_notify closes the upstream connection
 * after the frames sent before it, whether bytes follow it or the TCP connection stays
 * open (a TLS 1.3 half-close), without holding a reader thread; and an upstream that
 * cancels the handshake (TLS 1.2 user_canceled then close_notify) fails the connection
 * attempt instead of passing for a verified connection.
 */
@Timeout(60)
class ForwardTcpTlsCloseTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final AbstractByteArraySerializer CODEC = TcpCodecs.lengthHeader2(65536);

	/**
	 * The bridge reads with two threads: two connections whose reader kept unwrapping
	 * after the close_notify would leave none for the third.
	 */
	@Test
	void closeNotifyFollowedByAByteClosesTheClientAfterTheFrameAndFreesTheReader() {
		try (LayeredTlsUpstream upstream = LayeredTlsUpstream.start((index, plain) -> {
			SSLSocket tls = layered(plain);
			if (index < 2) {
				send(tls, "bye-" + index);
				tls.shutdownOutput();
				plain.getOutputStream().write(0);
				plain.getOutputStream().flush();
				plain.getInputStream().read();
			}
			else {
				InputStream input = tls.getInputStream();
				while (true) {
					send(tls, "up:" + new String(CODEC.deserialize(input), StandardCharsets.UTF_8));
				}
			}
		}); RunningGateway gateway = gateway(upstream.port())) {
			for (int i = 0; i < 2; i++) {
				try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
					assertThat(client.receiveString()).isEqualTo("bye-" + i);
					assertThat(client.awaitClosed()).isTrue();
				}
			}
			try (TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
				assertThat(client.send("hello").receiveString()).isEqualTo("up:hello");
			}
		}
	}

	@Test
	void closeNotifyWithTheTcpConnectionLeftOpenClosesTheClientAfterTheFrame() {
		try (LayeredTlsUpstream upstream = LayeredTlsUpstream.start((index, plain) -> {
			SSLSocket tls = layered(plain);
			send(tls, "bye");
			tls.shutdownOutput();
			// the TCP connection stays open until the gateway closes it
			plain.getInputStream().read();
		});
				RunningGateway gateway = gateway(upstream.port());
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			assertThat(client.receiveString()).isEqualTo("bye");
			assertThat(client.awaitClosed()).isTrue();
		}
	}

	@Test
	void sharedModeRequestsFailOnceTheUpstreamClosedItsTlsSession() {
		try (LayeredTlsUpstream upstream = LayeredTlsUpstream.start((index, plain) -> {
			SSLSocket tls = layered(plain);
			tls.shutdownOutput();
			plain.getOutputStream().write(0);
			plain.getOutputStream().flush();
			plain.getInputStream().read();
		});
				RunningGateway gateway = gateway(upstream.port(), "tcp-gateway.forward.tcp.mode=shared",
						"tcp-gateway.forward.tcp.pool-size=1")) {

			// the pooled connection the upstream closed is replaced
			await().atMost(WAIT).until(() -> upstream.accepted() >= 2);
		}
	}

	/**
	 * In TLS 1.2 a warning user_canceled makes the next close_notify end the handshake
	 * without a failure: the engine is then no longer handshaking, with no certificate
	 * seen.
	 */
	@Test
	void handshakeCanceledByTheUpstreamFailsTheConnectionAttempt() {
		try (LayeredTlsUpstream upstream = LayeredTlsUpstream.start(ForwardTcpTlsCloseTests::cancelHandshake);
				RunningGateway gateway = gateway(upstream.port(),
						"spring.ssl.bundle.jks.upstream.options.enabled-protocols=TLSv1.2");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			client.send("anyone?");
			assertThat(client.awaitClosed()).isTrue();
			assertThat(gateway.counter(MicrometerForwardTcpMetrics.FORWARD_ERRORS, "connect"))
				.isGreaterThanOrEqualTo(1);
		}
	}

	/**
	 * The handshake itself, with an engine that does not fail on close_notify: it ends
	 * not handshaking, and must not pass for a verified one.
	 */
	@Test
	void handshakeEndedByACanceledSessionFailsOnItsOwn() throws Exception {
		ExecutorService assemblers = Executors.newSingleThreadExecutor();
		try (LayeredTlsUpstream upstream = LayeredTlsUpstream.start(ForwardTcpTlsCloseTests::cancelHandshake);
				SocketChannel channel = SocketChannel
					.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.port()))) {
			SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", upstream.port());
			engine.setUseClientMode(true);
			engine.setEnabledProtocols(new String[] { "TLSv1.2" });
			OrderedNioSslConnection connection = new OrderedNioSslConnection(channel, false, null, null, engine,
					assemblers);
			connection.init();
			assertThatExceptionOfType(SSLException.class)
				.isThrownBy(() -> TlsHandshake.run(connection, channel, Duration.ofSeconds(10)));
		}
		finally {
			assemblers.shutdownNow();
		}
	}

	private static void cancelHandshake(int index, Socket plain) throws Exception {
		InputStream input = plain.getInputStream();
		// the client hello's record header, then its body
		byte[] header = input.readNBytes(5);
		input.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
		OutputStream output = plain.getOutputStream();
		// alerts in the clear: warning user_canceled (90), warning close_notify (0)
		output.write(new byte[] { 21, 3, 3, 0, 2, 1, 90, 21, 3, 3, 0, 2, 1, 0 });
		output.flush();
		input.read();
	}

	private static SSLSocket layered(Socket plain) throws Exception {
		SSLSocket tls = (SSLSocket) TestCertificates.serverContext("server.p12")
			.getSocketFactory()
			.createSocket(plain, null, plain.getPort(), false);
		tls.setUseClientMode(false);
		tls.startHandshake();
		return tls;
	}

	private static void send(SSLSocket tls, String frame) throws Exception {
		OutputStream output = tls.getOutputStream();
		CODEC.serialize(frame.getBytes(StandardCharsets.UTF_8), output);
		output.flush();
	}

	private static RunningGateway gateway(int upstreamPort, String... more) {
		List<String> properties = new ArrayList<>(TestCertificates.trustBundle("upstream", "client-trust.p12"));
		properties.addAll(List.of("tcp-gateway.framing=crlf", "tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=" + upstreamPort, "tcp-gateway.forward.tcp.framing=length-header-2",
				"tcp-gateway.forward.tcp.ssl.bundle=upstream",
				// the checks' own connections would take the upstream's scripted answers
				"tcp-gateway.forward.tcp.health-check.interval=0"));
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

}
