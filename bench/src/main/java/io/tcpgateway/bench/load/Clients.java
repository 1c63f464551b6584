package io.tcpgateway.bench.load;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * The client threads: connections spread round-robin over a few {@link ClientLoop}s, each
 * run on a thread of its own for one round at a time.
 */
final class Clients implements AutoCloseable {

	/**
	 * How long after a round's deadline its threads may take to stop: a loop waits at
	 * most 100 ms.
	 */
	private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final List<ClientLoop> loops = new ArrayList<>();

	Clients(LoadOptions options, List<SocketChannel> channels, ErrorLog errorLog) throws IOException {
		Payloads payloads = new Payloads(options.size);
		int threads = Math.max(1, Math.min(options.threads, channels.size()));
		long replyTimeoutNanos = options.replyTimeout.toNanos();
		Supplier<Wire> wires = options.wires();
		for (int i = 0; i < threads; i++) {
			this.loops
				.add(new ClientLoop(options.framing, payloads, options.pipeline, replyTimeoutNanos, errorLog, wires));
		}
		for (int id = 0; id < channels.size(); id++) {
			this.loops.get(id % threads).register(id, channels.get(id));
		}
	}

	/**
	 * Run one round on every loop, each on its own thread, and call {@code onProgress}
	 * every interval.
	 * @param budgetPerConnection messages each connection may send
	 * @param measureFrom replies from this {@link System#nanoTime()} on are measured
	 * @param deadline end of the round
	 */
	void run(long budgetPerConnection, long measureFrom, long deadline, Duration progressInterval, Runnable onProgress)
			throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < this.loops.size(); i++) {
			ClientLoop loop = this.loops.get(i);
			Thread thread = new Thread(() -> {
				try {
					loop.run(budgetPerConnection, measureFrom, deadline);
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}, "load-client-" + i);
			thread.start();
			threads.add(thread);
		}
		long stopBy = deadline + STOP_GRACE_NANOS;
		long nextProgress = System.nanoTime() + progressInterval.toNanos();
		for (Thread thread : threads) {
			long now;
			while (thread.isAlive() && (now = System.nanoTime()) < stopBy) {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(nextProgress, stopBy) - now)));
				if (System.nanoTime() >= nextProgress) {
					onProgress.run();
					nextProgress += progressInterval.toNanos();
				}
			}
			if (thread.isAlive()) {
				throw new IllegalStateException(thread.getName() + " did not stop within 5 s of the deadline");
			}
		}
		if (failure.get() != null) {
			throw new IllegalStateException("client thread failed", failure.get());
		}
	}

	/**
	 * Send one message on every open connection and wait, at most {@code timeoutNanos},
	 * for the replies.
	 * @return verified replies so far, this round's included
	 */
	long verifyOnce(long timeoutNanos, Duration progressInterval, Runnable onProgress) throws InterruptedException {
		long now = System.nanoTime();
		run(1, now, now + timeoutNanos, progressInterval, onProgress);
		return replies();
	}

	long replies() {
		return this.loops.stream().mapToLong(ClientLoop::replies).sum();
	}

	long measuredReplies() {
		return this.loops.stream().mapToLong(ClientLoop::measuredReplies).sum();
	}

	Histogram latency() {
		Histogram merged = new Histogram(ClientLoop.MAX_LATENCY_MICROS, 3);
		this.loops.forEach((loop) -> merged.add(loop.latency()));
		return merged;
	}

	long[] errors() {
		long[] sum = new long[ErrorKind.values().length];
		for (ClientLoop loop : this.loops) {
			long[] errors = loop.errors();
			for (int i = 0; i < sum.length; i++) {
				sum[i] += errors[i];
			}
		}
		return sum;
	}

	static long total(long[] errors) {
		long total = 0;
		for (long count : errors) {
			total += count;
		}
		return total;
	}

	int stalledConnections(long thresholdNanos) {
		long now = System.nanoTime();
		return this.loops.stream().mapToInt((loop) -> loop.stalledConnections(now, thresholdNanos)).sum();
	}

	int openConnections() {
		return this.loops.stream().mapToInt(ClientLoop::openConnections).sum();
	}

	@Override
	public void close() {
		this.loops.forEach(ClientLoop::close);
	}

}
