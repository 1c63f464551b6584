package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop echo run: connect, warm up, then measure for a fixed time while every
 * connection keeps its pipeline full.
 */
final class EchoLoad {

	/**
	 * A connection still waiting this long for a reply when the run ends is reported as
	 * stalled.
	 */
	private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final LoadOptions options;

	private final PrintStream progress;

	EchoLoad(LoadOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
	}

	EchoResult run() throws IOException, InterruptedException {
		InetSocketAddress address = new InetSocketAddress(this.options.host, this.options.port);
		Connector connector = new Connector(address, this.options.connectBatch, this.options.connectTimeout.toNanos(),
				this.progress);
		ErrorLog errorLog = new ErrorLog(this.progress);
		// The idle connections come first, so that the server holds them all while the
		// active ones run.
		Connector.Connected idleConnected = connector.connect(this.options.idleExtra);
		try (Clients idle = new Clients(this.options, idleConnected.channels(), errorLog)) {
			long idleVerified = 0;
			if (this.options.idleExtra > 0) {
				idleVerified = verifyIdle(idle);
				this.progress.printf("idle-extra: %d of %d connections verified (%d failed to connect); holding them%n",
						idleVerified, this.options.idleExtra, idleConnected.failures());
			}
			Connector.Connected connected = connector.connect(this.options.conns);
			EchoResult result;
			try (Clients clients = new Clients(this.options, connected.channels(), errorLog)) {
				result = measure(clients, connected);
			}
			if (this.options.idleExtra > 0) {
				long idleVerifiedAfter = verifyIdle(idle) - idleVerified;
				this.progress.printf("idle-extra: %d connections verified after the run%n", idleVerifiedAfter);
				result = result.withHeldIdle(new HeldIdle(this.options.idleExtra, idleConnected.channels().size(),
						idleConnected.failures(), idleVerified, idleVerifiedAfter, Clients.total(idle.errors())));
			}
			return result;
		}
	}

	private EchoResult measure(Clients clients, Connector.Connected connected) throws InterruptedException {
		if (this.options.tls && !connected.channels().isEmpty()) {
			handshake(clients, connected.channels().size());
		}
		long start = System.nanoTime();
		long measureFrom = start + this.options.warmup.toNanos();
		long deadline = measureFrom + this.options.duration.toNanos();
		if (!connected.channels().isEmpty()) {
			RateLine rate = new RateLine(start);
			clients.run(Long.MAX_VALUE, measureFrom, deadline, this.options.progress, () -> this.progress
				.println(rate.line((System.nanoTime() < measureFrom) ? "warmup" : "measure", clients.replies())
						+ "  errors " + Clients.total(clients.errors()) + "  open " + clients.openConnections()));
		}
		return new EchoResult(this.options, connected.channels().size(), connected.failures(),
				this.options.duration.toNanos() / 1e9, clients.measuredReplies(), clients.latency(), clients.errors(),
				clients.stalledConnections(STALL_NANOS), HeldIdle.NONE);
	}

	/**
	 * Complete every connection's TLS handshake, and one echo on each, before the warmup:
	 * hundreds of handshakes would otherwise run into the measured time of a short
	 * warmup. Nothing of this round is measured; its errors count.
	 */
	private void handshake(Clients clients, int connections) throws InterruptedException {
		long deadline = System.nanoTime() + this.options.connectTimeout.toNanos() + this.options.replyTimeout.toNanos();
		clients.run(1, deadline, deadline, this.options.progress,
				() -> this.progress.println("tls: " + clients.replies() + " of " + connections + " handshaken"));
		this.progress.printf("tls: %d of %d connections handshaken, one echo verified on each%n", clients.replies(),
				connections);
	}

	private long verifyIdle(Clients idle) throws InterruptedException {
		return idle.verifyOnce(this.options.replyTimeout.toNanos() + IdleLoad.ROUND_GRACE_NANOS, this.options.progress,
				() -> this.progress.println("idle-extra: " + idle.replies() + " replies so far"));
	}

	/** Rate since the previous progress line. */
	private static final class RateLine {

		private final long start;

		private long lastTime;

		private long lastCount;

		RateLine(long start) {
			this.start = start;
			this.lastTime = start;
		}

		String line(String phase, long count) {
			long now = System.nanoTime();
			double rate = (count - this.lastCount) / ((now - this.lastTime) / 1e9);
			this.lastTime = now;
			this.lastCount = count;
			return String.format("[%6.1fs] %-7s %,12.0f msgs/s", (now - this.start) / 1e9, phase, rate);
		}

	}

}
