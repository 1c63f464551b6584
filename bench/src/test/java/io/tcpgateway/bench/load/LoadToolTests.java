package io.tcpgateway.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import io.tcpgateway.bench.load.TestEchoServer.Behaviour;
import io.tcpgateway.bench.netty.NettyEchoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the load tool against in-process echo servers on free ports of 127.0.0.1, for
 * about a second each.
 */
class LoadToolTests {

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
	void echoAgainstNettyVerifiesMessagesWithoutErrors() throws Exception {
		try (NettyEchoServer server = NettyEchoServer.start(0)) {
			EchoResult result = echo(server.port(), "--conns", "4", "--pipeline", "8");
			assertThat(result.connected()).isEqualTo(4);
			assertThat(result.messages()).isPositive();
			assertThat(result.latency().getTotalCount()).isEqualTo(result.messages());
			assertThat(result.errorCount()).isZero();
			assertThat(result.clean()).isTrue();
		}
	}

	@Test
	void everyFramingIsVerifiedAgainstAByteEcho() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.ECHO)) {
			for (String framing : new String[] { "crlf", "lf", "length-header-4" }) {
				EchoResult result = echo(server.port(), "--framing", framing, "--conns", "2", "--pipeline", "4",
						"--size", "100", "--duration", "500ms");
				assertThat(result.messages()).as(framing).isPositive();
				assertThat(result.errorCount()).as(framing).isZero();
			}
		}
	}

	@Test
	void corruptedEchoIsCountedAsCorrupt() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.CORRUPT_FIFTH_LINE)) {
			EchoResult result = echo(server.port(), "--conns", "3", "--pipeline", "2");
			assertThat(result.errors()[ErrorKind.CORRUPT.ordinal()]).isEqualTo(3);
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("corrupt: reply 4 differs");
		}
	}

	@Test
	void reorderedEchoIsCountedAsOutOfOrder() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.SWAP_THIRD_AND_FOURTH_LINES)) {
			EchoResult result = echo(server.port(), "--conns", "2", "--pipeline", "4");
			assertThat(result.errors()[ErrorKind.OUT_OF_ORDER.ordinal()]).isEqualTo(2);
			assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("reply 3 where 2 was expected");
		}
	}

	@Test
	void connectionsLeftWithoutRepliesAreStalled() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.SILENT)) {
			EchoResult result = echo(server.port(), "--conns", "2", "--warmup", "0s", "--duration", "1500ms");
			assertThat(result.messages()).isZero();
			assertThat(result.stalled()).isEqualTo(2);
			assertThat(result.clean()).isFalse();
		}
	}

	@Test
	void idleModeVerifiesEveryConnectionBeforeAndAfterTheHold() throws Exception {
		try (NettyEchoServer server = NettyEchoServer.start(0)) {
			LoadOptions options = LoadOptions.parse("--port", String.valueOf(server.port()), "--idle", "300",
					"--connect-batch", "100", "--hold", "300ms");
			IdleResult result = new IdleLoad(options, this.progressStream).run();
			assertThat(result.connected()).isEqualTo(300);
			assertThat(result.verifiedBefore()).isEqualTo(300);
			assertThat(result.verifiedAfter()).isEqualTo(300);
			assertThat(result.clean()).isTrue();
		}
	}

	@Test
	void echoHoldsIdleExtraConnectionsAndVerifiesThemBeforeAndAfterTheRun() throws Exception {
		try (NettyEchoServer server = NettyEchoServer.start(0)) {
			EchoResult result = echo(server.port(), "--conns", "3", "--idle-extra", "300", "--connect-batch", "100");
			assertThat(result.connected()).isEqualTo(3);
			assertThat(result.messages()).isPositive();
			assertThat(result.heldIdle()).isEqualTo(new HeldIdle(300, 300, 0, 300, 300, 0));
			assertThat(result.clean()).isTrue();
			assertThat(this.progress.toString(StandardCharsets.UTF_8))
				.contains("idle-extra: 300 of 300 connections verified", "idle-extra: 300 connections verified after");
		}
	}

	@Test
	void idleExtraConnectionsThatGetNoReplyMakeTheRunUnclean() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.SILENT)) {
			EchoResult result = echo(server.port(), "--conns", "1", "--idle-extra", "2", "--reply-timeout", "200ms",
					"--duration", "200ms", "--warmup", "0s");
			assertThat(result.heldIdle().verifiedBefore()).isZero();
			assertThat(result.heldIdle().errors()).isEqualTo(2);
			assertThat(result.clean()).isFalse();
		}
	}

	@Test
	void idleExtraCannotBeCombinedWithIdleMode() {
		int status = LoadTool.run(new String[] { "--port", "1", "--idle", "10", "--idle-extra", "10" },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), this.progressStream);
		assertThat(status).isEqualTo(LoadTool.EXIT_USAGE);
		assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("--idle-extra belongs to echo mode");
	}

	@Test
	void refusedConnectionsAreConnectFailures() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		EchoResult result = echo(closedPort, "--conns", "3", "--duration", "100ms");
		assertThat(result.connected()).isZero();
		assertThat(result.connectFailures()).isEqualTo(3);
		assertThat(result.clean()).isFalse();
	}

	@Test
	void commandLinePrintsATableAndOneResultLine() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (NettyEchoServer server = NettyEchoServer.start(0);
				PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
			int status = LoadTool.run(new String[] { "--port", String.valueOf(server.port()), "--warmup", "100ms",
					"--duration", "500ms" }, outStream, this.progressStream);
			assertThat(status).isZero();
		}
		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(report).contains("throughput", "latency (us)");
		assertThat(report.lines().filter((line) -> line.startsWith("RESULT {\"mode\":\"echo\""))).singleElement()
			.asString()
			.contains("\"errors\":0", "\"connectFailures\":0", "\"idleExtra\":0");
	}

	@Test
	void churnAgainstNettyCompletesConnectionsWithoutErrors() throws Exception {
		try (NettyEchoServer server = NettyEchoServer.start(0)) {
			ChurnResult result = churn(server.port(), "--conns", "4");
			assertThat(result.connections()).isPositive();
			assertThat(result.latency().getTotalCount()).isEqualTo(result.connections());
			assertThat(result.connectFailures()).isZero();
			assertThat(result.errorCount()).isZero();
			assertThat(result.stalled()).isZero();
			assertThat(result.clean()).isTrue();
		}
	}

	@Test
	void churnVerifiesEveryFramingAgainstAByteEcho() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.ECHO)) {
			for (String framing : new String[] { "crlf", "lf", "length-header-4" }) {
				ChurnResult result = churn(server.port(), "--framing", framing, "--conns", "2", "--size", "100",
						"--duration", "500ms");
				assertThat(result.connections()).as(framing).isPositive();
				assertThat(result.errorCount()).as(framing).isZero();
				assertThat(result.connectFailures()).as(framing).isZero();
			}
		}
	}

	@Test
	void churnCountsAServerClosingWithoutAReplyAsErrors() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.CLOSE_WITHOUT_REPLY)) {
			ChurnResult result = churn(server.port(), "--conns", "2");
			assertThat(result.connections()).isZero();
			assertThat(result.errors()[ErrorKind.CLOSED.ordinal()]).isPositive();
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8))
				.contains("closed: attempt 0: closed by the server after 0 of 66 reply bytes");
		}
	}

	@Test
	void churnCountsChangedRepliesAsCorrupt() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.CORRUPT_FIRST_LINE)) {
			ChurnResult result = churn(server.port(), "--conns", "2", "--duration", "500ms");
			assertThat(result.connections()).isZero();
			assertThat(result.errors()[ErrorKind.CORRUPT.ordinal()]).isPositive();
			assertThat(result.errorCount()).isEqualTo(result.errors()[ErrorKind.CORRUPT.ordinal()]);
			assertThat(result.clean()).isFalse();
			assertThat(this.progress.toString(StandardCharsets.UTF_8))
				.contains("corrupt: attempt 0: reply differs from the message sent");
		}
	}

	@Test
	void churnCountsASilentServerAsTimeouts() throws Exception {
		try (TestEchoServer server = TestEchoServer.start(Behaviour.SILENT)) {
			ChurnResult result = churn(server.port(), "--conns", "2", "--reply-timeout", "300ms", "--warmup", "0s");
			assertThat(result.connections()).isZero();
			assertThat(result.errors()[ErrorKind.TIMEOUT.ordinal()]).isPositive();
			assertThat(result.clean()).isFalse();
		}
	}

	@Test
	void churnCountsRefusedConnectionsAsConnectFailures() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ChurnResult result = churn(closedPort, "--conns", "2", "--warmup", "0s", "--duration", "200ms");
		assertThat(result.connections()).isZero();
		assertThat(result.connectFailures()).isPositive();
		assertThat(result.clean()).isFalse();
		assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("connect: attempt 0:");
	}

	@Test
	void churnCommandLinePrintsOneChurnResultLine() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (NettyEchoServer server = NettyEchoServer.start(0);
				PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
			int status = LoadTool.run(new String[] { "--port", String.valueOf(server.port()), "--churn", "--conns", "2",
					"--warmup", "100ms", "--duration", "500ms" }, outStream, this.progressStream);
			assertThat(status).isZero();
		}
		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(report).contains("connections/s", "cycle (us)");
		assertThat(report.lines().filter((line) -> line.startsWith("RESULT {\"mode\":\"churn\""))).singleElement()
			.asString()
			.contains("\"connectionsPerSecond\":", "\"p999Us\":", "\"errors\":0", "\"connectFailures\":0");
	}

	@Test
	void churnCannotBeCombinedWithPipelining() {
		int status = LoadTool.run(new String[] { "--port", "1", "--churn", "--pipeline", "4" },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), this.progressStream);
		assertThat(status).isEqualTo(LoadTool.EXIT_USAGE);
		assertThat(this.progress.toString(StandardCharsets.UTF_8)).contains("--churn sends one message");
	}

	@Test
	void badOptionsPrintUsage() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = LoadTool.run(new String[] { "--port", "1", "--framing", "stx-etx" },
				new PrintStream(out, true, StandardCharsets.UTF_8), this.progressStream);
		assertThat(status).isEqualTo(LoadTool.EXIT_USAGE);
		assertThat(this.progress.toString(StandardCharsets.UTF_8))
			.contains("unsupported framing 'stx-etx' (supported: crlf, lf, length-header-4)", "usage:");
	}

	private EchoResult echo(int port, String... extra) throws IOException, InterruptedException {
		return new EchoLoad(LoadOptions.parse(args(port, extra)), this.progressStream).run();
	}

	private ChurnResult churn(int port, String... extra) throws IOException, InterruptedException {
		String[] args = args(port, extra);
		String[] churnArgs = new String[args.length + 1];
		churnArgs[0] = "--churn";
		System.arraycopy(args, 0, churnArgs, 1, args.length);
		return new ChurnLoad(LoadOptions.parse(churnArgs), this.progressStream).run();
	}

	private static String[] args(int port, String... extra) {
		String[] base = { "--port", String.valueOf(port), "--warmup", "200ms", "--duration", "1s", "--progress", "1s" };
		String[] args = new String[base.length + extra.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(extra, 0, args, base.length, extra.length);
		return args;
	}

}
