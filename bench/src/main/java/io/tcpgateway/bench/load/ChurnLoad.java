package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * A connection-churn run: {@code --conns} slots spread round-robin over a few
 * {@link ChurnLoop}s, each on a thread of its own, open a connection, echo one message on
 * it and close it, over and over, through warmup and then the measured time.
 */
final class ChurnLoad {

	/**
	 * A connection still waiting this long for its reply when the run ends is reported as
	 * stalled.
	 */
	static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * How long after the deadline the threads may take to stop: a loop waits at most 100
	 * ms.
	 */
	private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final LoadOptions options;

	private final PrintStream progress;

	ChurnLoad(LoadOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
	}

	ChurnResult run() throws IOException, InterruptedException {
		InetSocketAddress address = new InetSocketAddress(this.options.host, this.options.port);
		Payloads payloads = new Payloads(this.options.size);
		ErrorLog errorLog = new ErrorLog(this.progress);
		int threads = Math.max(1, Math.min(this.options.threads, this.options.conns));
		Supplier<Wire> wires = this.options.wires();
		List<ChurnLoop> loops = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			loops.add(new ChurnLoop(address, this.options.framing, payloads, this.options.connectTimeout.toNanos(),
					this.options.replyTimeout.toNanos(), errorLog, wires));
		}
		for (int id = 0; id < this.options.conns; id++) {
			loops.get(id % threads).add(id);
		}
		try {
			long start = System.nanoTime();
			long measureFrom = start + this.options.warmup.toNanos();
			long deadline = measureFrom + this.options.duration.toNanos();
			runLoops(loops, start, measureFrom, deadline);
			Histogram latency = new Histogram(ClientLoop.MAX_LATENCY_MICROS, 3);
			long[] errors = new long[ErrorKind.values().length];
			long measured = 0;
			long connectFailures = 0;
			int stalled = 0;
			for (ChurnLoop loop : loops) {
				latency.add(loop.latency());
				long[] loopErrors = loop.errors();
				for (int i = 0; i < errors.length; i++) {
					errors[i] += loopErrors[i];
				}
				measured += loop.measuredCompleted();
				connectFailures += loop.connectFailures();
				stalled += loop.stalled();
			}
			return new ChurnResult(this.options, this.options.duration.toNanos() / 1e9, measured, latency,
					connectFailures, errors, stalled);
		}
		finally {
			loops.forEach(ChurnLoop::close);
		}
	}

	private void runLoops(List<ChurnLoop> loops, long start, long measureFrom, long deadline)
			throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < loops.size(); i++) {
			ChurnLoop loop = loops.get(i);
			Thread thread = new Thread(() -> {
				try {
					loop.run(measureFrom, deadline);
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}, "churn-client-" + i);
			thread.start();
			threads.add(thread);
		}
		long interval = this.options.progress.toNanos();
		long stopBy = deadline + STOP_GRACE_NANOS;
		long nextProgress = start + interval;
		long lastTime = start;
		long lastCount = 0;
		for (Thread thread : threads) {
			long now;
			while (thread.isAlive() && (now = System.nanoTime()) < stopBy) {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(nextProgress, stopBy) - now)));
				now = System.nanoTime();
				if (now >= nextProgress) {
					nextProgress += interval;
				}
				else {
					continue;
				}
				if (now < deadline) {
					long count = loops.stream().mapToLong(ChurnLoop::completed).sum();
					this.progress.println(String.format("[%6.1fs] %-7s %,12.0f conns/s", (now - start) / 1e9,
							(now < measureFrom) ? "warmup" : "measure", (count - lastCount) / ((now - lastTime) / 1e9))
							+ "  errors " + loops.stream().mapToLong(ChurnLoop::failed).sum() + "  connect failures "
							+ loops.stream().mapToLong(ChurnLoop::connectFailures).sum());
					lastTime = now;
					lastCount = count;
				}
			}
			if (thread.isAlive()) {
				throw new IllegalStateException(thread.getName() + " did not stop within 5 s of the deadline");
			}
		}
		if (failure.get() != null) {
			throw new IllegalStateException("churn thread failed", failure.get());
		}
	}

}
