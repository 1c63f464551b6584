package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An idle-connections run: open many connections, verify one echo on each, hold them open
 * without traffic, then verify one echo on each again.
 */
final class IdleLoad {

	/**
	 * Extra time a verification round gets beyond the reply timeout, to notice every
	 * timed-out connection.
	 */
	static final long ROUND_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

	private final LoadOptions options;

	private final PrintStream progress;

	IdleLoad(LoadOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
	}

	IdleResult run() throws IOException, InterruptedException {
		InetSocketAddress address = new InetSocketAddress(this.options.host, this.options.port);
		Connector.Connected connected = new Connector(address, this.options.connectBatch,
				this.options.connectTimeout.toNanos(), this.progress)
			.connect(this.options.idle);
		this.progress.printf("idle: %d connected, %d failed, in %.1f s%n", connected.channels().size(),
				connected.failures(), connected.seconds());
		try (Clients clients = new Clients(this.options, connected.channels(), new ErrorLog(this.progress))) {
			long verifiedBefore = verifyOnce(clients);
			this.progress.printf("idle: %d connections verified; holding %d open for %d s%n", verifiedBefore,
					clients.openConnections(), this.options.hold.toSeconds());
			hold(clients);
			long verifiedAfter = verifyOnce(clients) - verifiedBefore;
			this.progress.printf("idle: %d connections verified after the hold%n", verifiedAfter);
			return new IdleResult(this.options, connected.channels().size(), connected.failures(), connected.seconds(),
					verifiedBefore, verifiedAfter, clients.errors());
		}
	}

	private long verifyOnce(Clients clients) throws InterruptedException {
		return clients.verifyOnce(this.options.replyTimeout.toNanos() + ROUND_GRACE_NANOS, this.options.progress,
				() -> this.progress.println("idle: " + clients.replies() + " replies so far"));
	}

	private void hold(Clients clients) throws InterruptedException {
		long end = System.nanoTime() + this.options.hold.toNanos();
		long now;
		while ((now = System.nanoTime()) < end) {
			// Holding is the point of this mode: nothing to wait for but time.
			TimeUnit.NANOSECONDS.sleep(Math.min(end - now, this.options.progress.toNanos()));
			if (System.nanoTime() < end) {
				this.progress.printf("idle: holding %d connections, %d s left%n", clients.openConnections(),
						TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime()));
			}
		}
	}

}
