package io.tcpgateway.bench.load;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.HdrHistogram.Histogram;

/**
 * Prints a result as a human table followed by one {@code RESULT {json}} line for
 * scripts.
 */
final class Report {

	private final PrintStream out;

	Report(PrintStream out) {
		this.out = out;
	}

	void print(EchoResult result) {
		LoadOptions options = result.options();
		Histogram latency = result.latency();
		row("server", options.host + ":" + options.port);
		row("framing", options.framing.wireName() + ", " + options.size + " B payloads");
		row("connections", result.connected() + " (" + result.connectFailures() + " failed to connect)");
		row("pipeline", options.pipeline + " per connection");
		row("measured", String.format(Locale.ROOT, "%.1f s after %.1f s warmup", result.seconds(),
				options.warmup.toMillis() / 1e3));
		row("messages", String.format(Locale.ROOT, "%,d verified", result.messages()));
		row("throughput", String.format(Locale.ROOT, "%,.0f msgs/s, %.2f MB/s", result.messagesPerSecond(),
				result.megabytesPerSecond()));
		row("latency (us)",
				String.format(Locale.ROOT, "p50 %d  p90 %d  p99 %d  p99.9 %d  max %d", latency.getValueAtPercentile(50),
						latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
						latency.getValueAtPercentile(99.9), latency.getMaxValue()));
		row("errors", errorText(result.errors()));
		row("stalled", result.stalled() + " connections waiting over 1 s for a reply at the end");
		HeldIdle held = result.heldIdle();
		if (held.requested() > 0) {
			row("idle extra", String.format(Locale.ROOT, "%d of %d held, verified %d before and %d after, %d errors",
					held.connected(), held.requested(), held.verifiedBefore(), held.verifiedAfter(), held.errors()));
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("mode", "echo");
		fields.put("host", options.host);
		fields.put("port", options.port);
		fields.put("framing", options.framing.wireName());
		fields.put("size", options.size);
		fields.put("conns", options.conns);
		fields.put("pipeline", options.pipeline);
		fields.put("connected", result.connected());
		fields.put("connectFailures", result.connectFailures());
		fields.put("seconds", result.seconds());
		fields.put("messages", result.messages());
		fields.put("msgsPerSec", result.messagesPerSecond());
		fields.put("mbPerSec", result.megabytesPerSecond());
		fields.put("p50Us", latency.getValueAtPercentile(50));
		fields.put("p90Us", latency.getValueAtPercentile(90));
		fields.put("p99Us", latency.getValueAtPercentile(99));
		fields.put("p999Us", latency.getValueAtPercentile(99.9));
		fields.put("maxUs", latency.getMaxValue());
		putErrors(fields, result.errors());
		fields.put("stalled", result.stalled());
		fields.put("idleExtra", held.requested());
		fields.put("idleConnected", held.connected());
		fields.put("idleVerifiedBefore", held.verifiedBefore());
		fields.put("idleVerifiedAfter", held.verifiedAfter());
		fields.put("idleErrors", held.errors());
		this.out.println("RESULT " + json(fields));
	}

	void print(IdleResult result) {
		LoadOptions options = result.options();
		row("server", options.host + ":" + options.port);
		row("connections", String.format(Locale.ROOT, "%d of %d in %.1f s (%d failed to connect)", result.connected(),
				options.idle, result.connectSeconds(), result.connectFailures()));
		row("verified", result.verifiedBefore() + " before the hold, " + result.verifiedAfter() + " after "
				+ options.hold.toSeconds() + " s");
		row("errors", errorText(result.errors()));
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("mode", "idle");
		fields.put("host", options.host);
		fields.put("port", options.port);
		fields.put("conns", options.idle);
		fields.put("connected", result.connected());
		fields.put("connectFailures", result.connectFailures());
		fields.put("connectSeconds", result.connectSeconds());
		fields.put("holdSeconds", options.hold.toSeconds());
		fields.put("verifiedBefore", result.verifiedBefore());
		fields.put("verifiedAfter", result.verifiedAfter());
		putErrors(fields, result.errors());
		this.out.println("RESULT " + json(fields));
	}

	void print(ChurnResult result) {
		LoadOptions options = result.options();
		Histogram latency = result.latency();
		row("server", options.host + ":" + options.port);
		row("framing", options.framing.wireName() + ", " + options.size + " B payloads, one message per connection");
		row("connections", options.conns + " at a time, each opened, echoed on once and closed by this side");
		row("measured", String.format(Locale.ROOT, "%.1f s after %.1f s warmup", result.seconds(),
				options.warmup.toMillis() / 1e3));
		row("completed", String.format(Locale.ROOT, "%,d connections verified", result.connections()));
		row("churn", String.format(Locale.ROOT, "%,.0f connections/s", result.connectionsPerSecond()));
		row("cycle (us)",
				String.format(Locale.ROOT, "p50 %d  p90 %d  p99 %d  p99.9 %d  max %d", latency.getValueAtPercentile(50),
						latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
						latency.getValueAtPercentile(99.9), latency.getMaxValue()));
		row("connect fails", String.valueOf(result.connectFailures()));
		row("errors", errorText(result.errors()));
		row("stalled", result.stalled() + " connections waiting over 1 s for a reply at the end");
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("mode", "churn");
		fields.put("host", options.host);
		fields.put("port", options.port);
		fields.put("framing", options.framing.wireName());
		fields.put("size", options.size);
		fields.put("conns", options.conns);
		fields.put("seconds", result.seconds());
		fields.put("connections", result.connections());
		fields.put("connectionsPerSecond", result.connectionsPerSecond());
		fields.put("p50Us", latency.getValueAtPercentile(50));
		fields.put("p90Us", latency.getValueAtPercentile(90));
		fields.put("p99Us", latency.getValueAtPercentile(99));
		fields.put("p999Us", latency.getValueAtPercentile(99.9));
		fields.put("maxUs", latency.getMaxValue());
		fields.put("connectFailures", result.connectFailures());
		putErrors(fields, result.errors());
		fields.put("stalled", result.stalled());
		this.out.println("RESULT " + json(fields));
	}

	private void row(String label, String value) {
		this.out.printf("%-14s %s%n", label, value);
	}

	private static String errorText(long[] errors) {
		StringJoiner kinds = new StringJoiner(", ", " (", ")").setEmptyValue("");
		for (ErrorKind kind : ErrorKind.values()) {
			if (errors[kind.ordinal()] > 0) {
				kinds.add(name(kind) + " " + errors[kind.ordinal()]);
			}
		}
		return Clients.total(errors) + kinds.toString();
	}

	private static void putErrors(Map<String, Object> fields, long[] errors) {
		fields.put("errors", Clients.total(errors));
		for (ErrorKind kind : ErrorKind.values()) {
			fields.put("errors." + name(kind), errors[kind.ordinal()]);
		}
	}

	private static String name(ErrorKind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String json(Map<String, Object> fields) {
		StringJoiner json = new StringJoiner(",", "{", "}");
		fields.forEach((name, value) -> json.add("\"" + name + "\":" + jsonValue(value)));
		return json.toString();
	}

	private static String jsonValue(Object value) {
		if (value instanceof Double number) {
			return String.format(Locale.ROOT, "%.2f", number);
		}
		if (value instanceof Number) {
			return value.toString();
		}
		return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
