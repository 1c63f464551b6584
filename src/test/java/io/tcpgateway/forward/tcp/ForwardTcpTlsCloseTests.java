package io.tcpgateway.forward.tcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upstream that ends its TLS session: its close_notify closes the upstream connection
 * after the frames sent before it, whether bytes follow it or the TCP connection stays
 * open (a TLS 1.3 half-close), without holding a reader thread.
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
				"tcp-gateway.forward.tcp.ssl.bundle=upstream"));
		properties.addAll(List.of(more));
		return RunningGateway.start(properties.toArray(String[]::new));
	}

}
