package io.tcpgateway.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the HTTP load tool against in-process servers on free ports of 127.0.0.1, for
 * about a second each.
 */
class HttpLoadTests {

	private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

	private PrintStream progressStream;

	@BeforeEach
	void captureProgress() {
		this.progressStream = new PrintStream(this.progress, true, StandardCharsets.UTF_8);
	}

	@AfterEach
	void closeProgress() {
		this.progressStream.close();
	}

	@Test
	void againstTheEchoServerVerifiesRequestsWithoutErrors() throws Exception {
		try (HttpEchoServer server = HttpEchoServer.start(0, 2)) {
			HttpLoadResult result = load(server.port(), "--conns", "4", "--size", "100");
			assertThat(result.requests()).isPositive();
			assertThat(result.latency().getTotalCount()).isEqualTo(result.requests());
			assertThat(result.errors()).isZero();
			assertThat(result.clean()).isTrue();
		}
	}

	@Test
	void moreKeptAliveConnectionsThanTheJdkDefaultIdleLimitSeeNoErrors() throws Exception {
		try (HttpEchoServer server = HttpEchoServer.start(0, 4)) {
			HttpLoadResult result = load(server.port(), "--conns", "260");
			assertThat(result.requests()).isPositive();
			assertThat(result.errors()).as(this.progress.toString(StandardCharsets.UTF_8)).isZero();
		}
	}

	@Test
	void aBodyThatDiffersIsCountedAsCorrupt() throws Exception {
		HttpServer server = testServer(200, "not the request");
		try {
			HttpLoadResult result = load(server.getAddress().getPort(), "--conns", "2");
			assertThat(result.corruptErrors()).isPositive();
			assertThat(result.requests()).isZero();
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("differs from the request");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aStatusOtherThan200IsCountedAsAStatusError() throws Exception {
		HttpServer server = testServer(503, "busy");
		try {
			HttpLoadResult result = load(server.getAddress().getPort(), "--conns", "1");
			assertThat(result.statusErrors()).isPositive();
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("status 503");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aRefusedConnectionIsCountedAsAnIoError() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		HttpLoadResult result = load(port, "--conns", "1", "--duration", "200ms");
		assertThat(result.ioErrors()).isPositive();
		assertThat(result.clean()).isFalse();
	}

	@Test
	void reportEndsWithAResultLineAndStatusReflectsErrors() throws Exception {
		try (HttpEchoServer server = HttpEchoServer.start(0, 1)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int status = HttpLoad.run(
					new String[] { "--url", "http://127.0.0.1:" + server.port() + "/", "--conns", "2", "--warmup",
							"100ms", "--duration", "500ms" },
					new PrintStream(out, true, StandardCharsets.UTF_8), this.progressStream);
			assertThat(status).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("throughput", "req/s")
				.containsPattern("RESULT \\{\"mode\":\"http\",.*\"msgsPerSec\":[0-9.]+,.*\"errors\":0,");
		}
	}

	@Test
	void badOptionsPrintUsage() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = HttpLoad.run(new String[] { "--url", "ftp://127.0.0.1/" },
				new PrintStream(out, true, StandardCharsets.UTF_8), this.progressStream);
		assertThat(status).isEqualTo(HttpLoad.EXIT_USAGE);
		assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("must be an absolute http URL", "usage:");
	}

	private HttpLoadResult load(int port, String... extra) throws InterruptedException {
		String[] args = new String[extra.length + 6];
		args[0] = "--url";
		args[1] = "http://127.0.0.1:" + port + "/";
		args[2] = "--warmup";
		args[3] = "200ms";
		args[4] = "--duration";
		args[5] = "800ms";
		System.arraycopy(extra, 0, args, 6, extra.length);
		// Later options win: a --duration in extra overrides the default above.
		return new HttpLoad(HttpLoadOptions.parse(args), this.progressStream).run();
	}

	/** A server that answers every request with this status and body. */
	private static HttpServer testServer(int status, String body) throws IOException {
		// Before the JDK's server is first used, or the echo server's settings would not
		// hold.
		HttpEchoServer.configureJdkServer();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		server.createContext("/", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(status, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
		});
		server.start();
		return server;
	}

}
