package io.tcpgateway.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A log output that stalls costs log lines, never service: a gateway whose standard
 * output is a pipe nobody reads keeps answering under a flood of bad frames, and counts
 * the lines it drops.
 */
class UnreadLogOutputTests {

	/** Far above the milliseconds an echo takes, for a loaded two-core CI machine. */
	private static final int PROBE_TIMEOUT_MILLIS = 3000;

	private static final Pattern DROPPED = Pattern.compile("(?m)^tcp_gateway_log_dropped_total\\{[^}]*} (\\S+)$");

	@Test
	void gatewayKeepsEchoingAndCountsDroppedLinesWhenNobodyReadsItsOutput(@TempDir Path dir) throws Exception {
		// a debug line per connection and a hex dump per frame fill the pipe quickly
		try (GatewayProcess gateway = GatewayProcess.startWithUnreadOutput(dir, "--tcp-gateway.access-log.enabled=true",
				"--tcp-gateway.max-message-size=64B", "--logging.level.io.tcpgateway=debug",
				"--logging.level.io.tcpgateway.wire=trace");
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			bystander.socket().setSoTimeout(PROBE_TIMEOUT_MILLIS);
			ActuatorHttp http = new ActuatorHttp(gateway.httpPort());
			AtomicBoolean flooding = new AtomicBoolean(true);
			List<Thread> flooders = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				Thread flooder = new Thread(() -> flood(gateway.port(), flooding), "flooder-" + i);
				flooder.start();
				flooders.add(flooder);
			}
			try {
				await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
					assertThat(bystander.send("probe").receiveString()).isEqualTo("probe");
					return dropped(http) > 0;
				});
				// the output has stalled: the loops still serve
				for (int i = 0; i < 5; i++) {
					assertThat(bystander.send("after-" + i).receiveString()).isEqualTo("after-" + i);
				}
			}
			finally {
				flooding.set(false);
				for (Thread flooder : flooders) {
					flooder.join(10_000);
				}
			}
		}
	}

	/** Connect, send a frame over the limit, wait for the close; again and again. */
	private static void flood(int port, AtomicBoolean flooding) {
		byte[] oversize = ("x".repeat(200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		while (flooding.get()) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(5000);
				OutputStream out = socket.getOutputStream();
				out.write(("ok\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(oversize);
				InputStream in = socket.getInputStream();
				while (in.read() >= 0) {
					// the echo of "ok", then the close
				}
			}
			catch (IOException ex) {
				// a reset or a timeout: the next connection
			}
		}
	}

	private static double dropped(ActuatorHttp http) throws IOException, InterruptedException {
		HttpResponse<String> response = http.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher matcher = DROPPED.matcher(response.body());
		assertThat(matcher.find()).as("tcp_gateway_log_dropped_total in %s", response.body()).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
