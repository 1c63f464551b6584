package io.tcpgateway.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.tcpgateway.bench.load.TestEchoServer.Behaviour;
import io.tcpgateway.bench.netty.NettyEchoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the load tool with {@code --tls} against in-process TLS echo servers on free ports
 * of 127.0.0.1 (Netty with the JDK's engine and with OpenSSL, and the JDK's blocking TLS
 * sockets), for about a second each.
 */
class TlsLoadToolTests {

	private static final String[] ENGINES = { "jdk", "openssl" };

	@TempDir
	static Path directory;

	private static TestCertificate server;

	private static TestCertificate stranger;

	private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

	private PrintStream progressStream;

	@BeforeAll
	static void makeCertificates() throws Exception {
		server = TestCertificate.create(directory, "server");
		stranger = TestCertificate.create(directory, "stranger");
	}

	@BeforeEach
	void captureProgress() {
		this.progressStream = new PrintStream(this.progress, true, StandardCharsets.UTF_8);
	}

	@AfterEach
	void closeProgress() {
		this.progressStream.close();
	}

	@Test
	void echoAgainstNettyWithTheJdkEngineVerifiesReplies() throws Exception {
		try (NettyEchoServer netty = nettyTls("jdk")) {
			EchoResult result = echo(netty.port(), server, "--conns", "4", "--pipeline", "8", "--tls-engine", "jdk");
			assertThat(result.connected()).isEqualTo(4);
			assertThat(result.messages()).isPositive();
			assertThat(result.latency().getTotalCount()).isEqualTo(result.messages());
			assertThat(this.progress.toString(StandardCharsets.UTF_8))
				.contains("tls: 4 of 4 connections handshaken, one echo verified on each");
			assertThat(result.errorCount()).isZero();
			assertThat(result.clean()).isTrue();
		}
	}

	@Test
	void echoAgainstNettyWithOpenSslVerifiesReplies() throws Exception {
		try (NettyEchoServer netty = nettyTls("openssl")) {
			EchoResult result = echo(netty.port(), server, "--conns", "4", "--pipeline", "8", "--size", "3000");
			assertThat(result.messages()).isPositive();
			assertThat(result.errorCount()).isZero();
			assertThat(result.clean()).isTrue();
		}
	}

	@Test
	void messagesLargerThanATlsRecordAreVerifiedWithEitherClientEngine() throws Exception {
		try (NettyEchoServer netty = nettyTls("openssl")) {
			for (String engine : ENGINES) {
				EchoResult result = echo(netty.port(), server, "--conns", "2", "--pipeline", "2", "--size", "40000",
						"--duration", "500ms", "--tls-engine", engine);
				assertThat(result.messages()).as(engine).isPositive();
				assertThat(result.clean()).as(engine).isTrue();
			}
		}
	}

	@Test
	void everyFramingIsVerifiedAgainstATlsByteEcho() throws Exception {
		try (TestEchoServer echo = TestEchoServer.startTls(Behaviour.ECHO, server.serverContext())) {
			for (String engine : ENGINES) {
				for (String framing : new String[] { "crlf", "lf", "length-header-4" }) {
					EchoResult result = echo(echo.port(), server, "--framing", framing, "--conns", "2", "--pipeline",
							"4", "--size", "100", "--duration", "500ms", "--tls-engine", engine);
					assertThat(result.messages()).as(engine + " " + framing).isPositive();
					assertThat(result.errorCount()).as(engine + " " + framing).isZero();
				}
			}
		}
	}

	@Test
	void aChangedReplyThroughTlsIsCountedAsCorrupt() throws Exception {
		try (TestEchoServer echo = TestEchoServer.startTls(Behaviour.CORRUPT_FIFTH_LINE, server.serverContext())) {
			EchoResult result = echo(echo.port(), server, "--conns", "3", "--pipeline", "2");
			assertThat(result.errors()[ErrorKind.CORRUPT.ordinal()]).isEqualTo(3);
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("corrupt: reply 4 differs");
		}
	}

	@Test
	void aServerCertificateNotTrustedFailsEveryHandshake() throws Exception {
		try (NettyEchoServer netty = nettyTls("jdk")) {
			for (String engine : ENGINES) {
				this.progress.reset();
				EchoResult result = echo(netty.port(), stranger, "--conns", "3", "--duration", "500ms", "--tls-engine",
						engine);
				assertThat(result.messages()).as(engine).isZero();
				assertThat(result.errors()[ErrorKind.IO.ordinal()]).as(engine).isEqualTo(3);
				assertThat(result.clean()).as(engine).isFalse();
				assertThat(this.progress.toString(StandardCharsets.UTF_8)).as(engine)
					.contains("SSLHandshakeException", "is not one of --tls-trust");
			}
		}
	}

	@Test
	void churnMakesAFullHandshakeAndOneVerifiedEchoPerConnection() throws Exception {
		for (String provider : ENGINES) {
			try (NettyEchoServer netty = nettyTls(provider)) {
				// The client's engine is the server's.
				ChurnResult result = churn(netty.port(), server, "--conns", "4", "--tls-engine", provider);
				assertThat(result.connections()).as(provider).isPositive();
				assertThat(result.latency().getTotalCount()).as(provider).isEqualTo(result.connections());
				assertThat(result.errorCount()).as(provider).isZero();
				assertThat(result.connectFailures()).as(provider).isZero();
				assertThat(result.clean()).as(provider).isTrue();
			}
		}
	}

	@Test
	void churnAgainstAnUntrustedCertificateCompletesNoConnection() throws Exception {
		try (NettyEchoServer netty = nettyTls("openssl")) {
			ChurnResult result = churn(netty.port(), stranger, "--conns", "2", "--duration", "500ms");
			assertThat(result.connections()).isZero();
			assertThat(result.errorCount()).isPositive();
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("SSLHandshakeException",
					"is not one of --tls-trust");
		}
	}

	@Test
	void churnCountsAChangedReplyThroughTlsAsCorrupt() throws Exception {
		try (TestEchoServer echo = TestEchoServer.startTls(Behaviour.CORRUPT_FIRST_LINE, server.serverContext())) {
			ChurnResult result = churn(echo.port(), server, "--conns", "2", "--duration", "500ms");
			assertThat(result.connections()).isZero();
			assertThat(result.errors()[ErrorKind.CORRUPT.ordinal()]).isPositive();
			assertThat(result.clean()).isFalse();
		}
	}

	@Test
	void aServerClosingAfterTheHandshakeWithoutAReplyIsCountedAsClosed() throws Exception {
		try (TestEchoServer echo = TestEchoServer.startTls(Behaviour.CLOSE_WITHOUT_REPLY, server.serverContext())) {
			for (String engine : ENGINES) {
				ChurnResult result = churn(echo.port(), server, "--conns", "2", "--duration", "500ms", "--tls-engine",
						engine);
				assertThat(result.connections()).as(engine).isZero();
				assertThat(result.errors()[ErrorKind.CLOSED.ordinal()]).as(engine).isPositive();
				assertThat(result.errors()[ErrorKind.IO.ordinal()]).as(engine).isZero();
			}
		}
	}

	@Test
	void tlsNeedsTheCertificateToTrust() {
		assertThat(usageError("--port", "1", "--tls")).contains("--tls and --tls-trust go together");
	}

	@Test
	void tlsEngineIsOpenSslOrJdk() {
		assertThat(usageError("--port", "1", "--tls", "--tls-trust", server.certificate().toString(), "--tls-engine",
				"boring"))
			.contains("--tls-engine (boring) must be openssl or jdk");
	}

	@Test
	void tlsCannotBeCombinedWithIdleMode() {
		assertThat(usageError("--port", "1", "--tls", "--tls-trust", server.certificate().toString(), "--idle", "10"))
			.contains("--tls applies to echo and --churn modes");
	}

	private String usageError(String... args) {
		int status = LoadTool.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				this.progressStream);
		assertThat(status).isEqualTo(LoadTool.EXIT_USAGE);
		return this.progress.toString(StandardCharsets.UTF_8);
	}

	private static NettyEchoServer nettyTls(String provider) throws Exception {
		return NettyEchoServer.startTls(0, server.certificate().toFile(), server.privateKey().toFile(), provider);
	}

	private EchoResult echo(int port, TestCertificate trusted, String... extra)
			throws IOException, InterruptedException {
		return new EchoLoad(LoadOptions.parse(args(port, trusted, extra)), this.progressStream).run();
	}

	private ChurnResult churn(int port, TestCertificate trusted, String... extra)
			throws IOException, InterruptedException {
		String[] args = args(port, trusted, extra);
		String[] churnArgs = new String[args.length + 1];
		churnArgs[0] = "--churn";
		System.arraycopy(args, 0, churnArgs, 1, args.length);
		return new ChurnLoad(LoadOptions.parse(churnArgs), this.progressStream).run();
	}

	private static String[] args(int port, TestCertificate trusted, String... extra) {
		String[] base = { "--port", String.valueOf(port), "--warmup", "200ms", "--duration", "1s", "--progress", "1s",
				"--tls", "--tls-trust", trusted.certificate().toString() };
		String[] args = new String[base.length + extra.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(extra, 0, args, base.length, extra.length);
		return args;
	}

}
