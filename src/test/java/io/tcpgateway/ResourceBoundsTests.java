package io.tcpgateway;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.UnixOperatingSystemMXBean;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.GatewayProcess;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Memory, threads and connections stay bounded whatever clients do, measured on a gateway
 * process of its own; the figures are logged for docs/operating.md.
 */
class ResourceBoundsTests {

	private static final Log logger = LogFactory.getLog(ResourceBoundsTests.class);

	private static final long FIFTY_MB = 50L * 1024 * 1024;

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void clientThatWritesFiftyMegabytesAndNeverReadsLeavesMemoryAndThreadsBounded(IoMode mode, @TempDir Path dir)
			throws Exception {
		try (GatewayProcess gateway = GatewayProcess.start(dir, "--tcp-gateway.io-mode=" + mode);
				TcpTestConnection flooder = TcpTestConnection.open(gateway.port(), Framing.CRLF);
				TcpTestConnection bystander = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			for (int i = 0; i < 200; i++) {
				assertThat(bystander.echoes("warm-up " + i)).isTrue();
			}
			long rssBefore = gateway.residentKilobytes();
			AtomicLong written = new AtomicLong();
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeWithoutReading(flooder, written));

			// the gateway stops taking bytes long before 50 MB: wait until the writer is
			// stuck
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> stalled(written) || written.get() >= FIFTY_MB);
			long slowestRoundTripNanos = 0;
			for (int i = 0; i < 20; i++) {
				long start = System.nanoTime();
				assertThat(bystander.echoes("served " + i)).isTrue();
				slowestRoundTripNanos = Math.max(slowestRoundTripNanos, System.nanoTime() - start);
			}
			long rssGrowthMb = (gateway.residentKilobytes() - rssBefore) / 1024;
			long threads = gateway.threads();
			logger.info(String.format(
					"%s: a client wrote %d MB without reading before the gateway stopped taking it;"
							+ " gateway RSS grew %d MB, %d threads; another client's slowest round trip %d ms",
					mode, written.get() / (1024 * 1024), rssGrowthMb, threads, slowestRoundTripNanos / 1_000_000));

			assertThat(written.get()).isLessThan(FIFTY_MB);
			assertThat(rssGrowthMb).isLessThan(300);
			assertThat(threads).isLessThan(64);
			flooder.close();
			writer.handle((ok, failure) -> null).get();
		}
	}

	@Test
	void tenThousandConcurrentConnectionsEachEcho(@TempDir Path dir) throws Exception {
		long fdLimit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assumeThat(fdLimit).as("file descriptors this test may open (ulimit -n); 10,000 connections need 10,500")
			.isGreaterThanOrEqualTo(10_500);
		try (GatewayProcess gateway = GatewayProcess.start(dir)) {
			long rssBefore = gateway.residentKilobytes();
			List<SocketChannel> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 10_000; i++) {
					SocketChannel channel = SocketChannel.open();
					clients.add(channel);
					channel.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
				}
				for (int i = 0; i < clients.size(); i++) {
					clients.get(i).write(ByteBuffer.wrap(("ping-" + i + "\r\n").getBytes(StandardCharsets.US_ASCII)));
				}
				for (int i = 0; i < clients.size(); i++) {
					assertThat(readLine(clients.get(i))).isEqualTo("ping-" + i + "\r\n");
				}
				long rssGrowthMb = (gateway.residentKilobytes() - rssBefore) / 1024;
				long threads = gateway.threads();
				logger.info(String.format(
						"nio: 10,000 concurrent connections each echoed; gateway RSS grew %d MB"
								+ " (%d MB in all), %d threads",
						rssGrowthMb, gateway.residentKilobytes() / 1024, threads));
				assertThat(threads).isLessThan(64);
			}
			finally {
				for (SocketChannel channel : clients) {
					// abortive close: 10,000 client ports left in TIME_WAIT would block
					// listeners on them for a minute
					channel.setOption(StandardSocketOptions.SO_LINGER, 0);
					channel.close();
				}
			}
		}
	}

	private static String readLine(SocketChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(64);
		while (buffer.position() < 2 || buffer.get(buffer.position() - 1) != '\n') {
			if (channel.read(buffer) < 0) {
				break;
			}
		}
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
	}

	private static boolean stalled(AtomicLong written) throws InterruptedException {
		long before = written.get();
		Thread.sleep(1000);
		return written.get() == before;
	}

	/** Write up to 50 MB of lines and never read a reply. */
	private static void writeWithoutReading(TcpTestConnection client, AtomicLong written) {
		byte[] chunk = "w".repeat(1022).concat("\r\n").repeat(64).getBytes(StandardCharsets.US_ASCII);
		try {
			OutputStream output = client.socket().getOutputStream();
			while (written.get() < FIFTY_MB) {
				output.write(chunk);
				written.addAndGet(chunk.length);
			}
		}
		catch (IOException ex) {
			// closed at the end of the test
		}
	}

}
