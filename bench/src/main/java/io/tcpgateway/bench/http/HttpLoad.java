package io.tcpgateway.bench.http;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * The HTTP load tool ({@code http-load}): a closed loop of {@code POST}s over the JDK's
 * {@code HttpClient}, each response checked byte for byte against its request, reported
 * like the TCP load tool (a table, then one {@code RESULT {json}} line).
 */
public final class HttpLoad {

	static final int EXIT_ERRORS = 1;

	static final int EXIT_USAGE = 2;

	static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);

	/** Pause of a thread after a failed request, so that a dead server is not spun on. */
	private static final long ERROR_PAUSE_MILLIS = 10;

	private final HttpLoadOptions options;

	private final PrintStream progress;

	/** Failed requests described on the progress stream so far (the first ten are). */
	private final AtomicLong reported = new AtomicLong();

	HttpLoad(HttpLoadOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
	}

	/**
	 * Run the tool.
	 * @param args the command-line options
	 * @param out where the report goes
	 * @param err where progress lines and error descriptions go
	 * @return the exit status: 0 when every response was verified
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
			out.print(HttpLoadOptions.USAGE);
			return 0;
		}
		HttpLoadOptions options;
		try {
			options = HttpLoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.print(HttpLoadOptions.USAGE);
			return EXIT_USAGE;
		}
		try {
			HttpLoadResult result = new HttpLoad(options, err).run();
			print(result, out);
			return result.clean() ? 0 : EXIT_ERRORS;
		}
		catch (Exception ex) {
			err.println("http load run failed: " + ex);
			return EXIT_USAGE;
		}
	}

	HttpLoadResult run() throws InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.options.timeout)
			.build();
		long start = System.nanoTime();
		long measureFrom = start + this.options.warmup.toNanos();
		long deadline = measureFrom + this.options.duration.toNanos();
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < this.options.conns; i++) {
			Worker worker = new Worker(client, i, measureFrom, deadline);
			workers.add(worker);
		}
		List<Thread> threads = new ArrayList<>();
		for (Worker worker : workers) {
			Thread thread = new Thread(worker, "http-load-" + worker.id);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		long joinDeadline = deadline + this.options.timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
		for (Thread thread : threads) {
			thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
		}
		Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
		long requests = 0;
		long[] errors = new long[4];
		for (Worker worker : workers) {
			synchronized (worker) {
				latency.add(worker.latency);
				requests += worker.measured;
				for (int i = 0; i < errors.length; i++) {
					errors[i] += worker.errors[i];
				}
			}
		}
		return new HttpLoadResult(this.options, this.options.duration.toNanos() / 1e9, requests, latency, errors[0],
				errors[1], errors[2], errors[3]);
	}

	static void print(HttpLoadResult result, PrintStream out) {
		HttpLoadOptions options = result.options();
		Histogram latency = result.latency();
		row(out, "server", options.url.toString());
		row(out, "payloads", options.size + " B, POST, HTTP/1.1 keep-alive");
		row(out, "connections", options.conns + " client threads, one request each at a time");
		row(out, "measured", String.format(Locale.ROOT, "%.1f s after %.1f s warmup", result.seconds(),
				options.warmup.toMillis() / 1e3));
		row(out, "requests", String.format(Locale.ROOT, "%,d verified", result.requests()));
		row(out, "throughput", String.format(Locale.ROOT, "%,.0f req/s", result.requestsPerSecond()));
		row(out, "latency (us)",
				String.format(Locale.ROOT, "p50 %d  p90 %d  p99 %d  p99.9 %d  max %d", latency.getValueAtPercentile(50),
						latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
						latency.getValueAtPercentile(99.9), latency.getMaxValue()));
		row(out, "errors", String.format(Locale.ROOT, "%d (status %d, corrupt %d, io %d, timeout %d)", result.errors(),
				result.statusErrors(), result.corruptErrors(), result.ioErrors(), result.timeoutErrors()));
		out.println(String.format(Locale.ROOT,
				"RESULT {\"mode\":\"http\",\"url\":\"%s\",\"size\":%d,\"conns\":%d,\"seconds\":%.2f,\"messages\":%d,"
						+ "\"msgsPerSec\":%.2f,\"p50Us\":%d,\"p90Us\":%d,\"p99Us\":%d,\"p999Us\":%d,\"maxUs\":%d,"
						+ "\"errors\":%d,\"errors.status\":%d,\"errors.corrupt\":%d,\"errors.io\":%d,\"errors.timeout\":%d}",
				options.url.toString().replace("\\", "\\\\").replace("\"", "\\\""), options.size, options.conns,
				result.seconds(), result.requests(), result.requestsPerSecond(), latency.getValueAtPercentile(50),
				latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
				latency.getMaxValue(), result.errors(), result.statusErrors(), result.corruptErrors(),
				result.ioErrors(), result.timeoutErrors()));
	}

	private static void row(PrintStream out, String label, String value) {
		out.printf("%-14s %s%n", label, value);
	}

	/** Fill a payload: {@code "<thread> <sequence> "} padded with letters from both. */
	static void fill(byte[] payload, int id, long sequence) {
		byte[] head = (id + " " + sequence + " ").getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(head, 0, payload, 0, head.length);
		for (int i = head.length; i < payload.length; i++) {
			payload[i] = (byte) ('a' + (int) ((id + sequence + i) % 26));
		}
	}

	/** One client thread: one request at a time until the deadline. */
	private final class Worker implements Runnable {

		private final HttpClient client;

		private final int id;

		private final long measureFrom;

		private final long deadline;

		private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);

		private final long[] errors = new long[4];

		private long measured;

		Worker(HttpClient client, int id, long measureFrom, long deadline) {
			this.client = client;
			this.id = id;
			this.measureFrom = measureFrom;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			byte[] payload = new byte[HttpLoad.this.options.size];
			long sequence = 0;
			while (System.nanoTime() < this.deadline) {
				fill(payload, this.id, sequence++);
				HttpRequest request = HttpRequest.newBuilder(HttpLoad.this.options.url)
					.timeout(HttpLoad.this.options.timeout)
					.header("Content-Type", "application/octet-stream")
					.POST(HttpRequest.BodyPublishers.ofByteArray(payload))
					.build();
				long sent = System.nanoTime();
				int kind = -1;
				String problem = null;
				try {
					HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
					if (response.statusCode() != 200) {
						kind = 0;
						problem = "status " + response.statusCode();
					}
					else if (!Arrays.equals(response.body(), payload)) {
						kind = 1;
						problem = "body of " + response.body().length + " B differs from the request";
					}
				}
				catch (HttpTimeoutException ex) {
					kind = 3;
					problem = ex.toString();
				}
				catch (IOException ex) {
					kind = 2;
					problem = ex.toString();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long received = System.nanoTime();
				synchronized (this) {
					if (kind >= 0) {
						this.errors[kind]++;
					}
					else if (received >= this.measureFrom && received < this.deadline) {
						this.latency
							.recordValue(Math.min(MAX_LATENCY_MICROS, TimeUnit.NANOSECONDS.toMicros(received - sent)));
						this.measured++;
					}
				}
				if (kind >= 0) {
					if (HttpLoad.this.reported.incrementAndGet() <= 10) {
						HttpLoad.this.progress
							.println("client " + this.id + " request " + (sequence - 1) + ": " + problem);
					}
					try {
						Thread.sleep(ERROR_PAUSE_MILLIS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}

	}

}
