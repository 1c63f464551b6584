package io.tcpgateway.bench.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Command-line options of the HTTP load tool; {@link #USAGE} lists them.
 */
final class HttpLoadOptions {

	static final int MIN_SIZE = 32;

	static final String USAGE = """
			usage: tcp-gateway-bench.jar http-load --url U [options]
			Closed loop: each of --conns threads POSTs a payload, checks that the response is a 200
			whose body equals it, and sends the next, over the JDK's HttpClient (HTTP/1.1, one client,
			connections kept alive).
			  --url U              where to POST, e.g. http://127.0.0.1:9080/ (required)
			  --conns N            client threads, each with one request at a time (default 1)
			  --size N             payload bytes, at least %d (default 64)
			  --warmup T           time before measuring, e.g. 2s, 500ms (default 2s)
			  --duration T         measured time (default 10s)
			  --timeout T          limit for each request (default 10s)
			""".formatted(MIN_SIZE);

	URI url;

	int conns = 1;

	int size = 64;

	Duration warmup = Duration.ofSeconds(2);

	Duration duration = Duration.ofSeconds(10);

	Duration timeout = Duration.ofSeconds(10);

	static HttpLoadOptions parse(String... args) {
		HttpLoadOptions options = new HttpLoadOptions();
		for (int i = 0; i < args.length; i += 2) {
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + args[i]);
			}
			options.set(args[i], args[i + 1]);
		}
		if (options.url == null) {
			throw new IllegalArgumentException("--url is required");
		}
		if (options.duration.isZero() || options.timeout.isZero()) {
			throw new IllegalArgumentException("--duration and --timeout must be positive");
		}
		return options;
	}

	private void set(String name, String value) {
		switch (name) {
			case "--url" -> this.url = url(value);
			case "--conns" -> this.conns = integer(name, value, 1, 10_000);
			case "--size" -> this.size = integer(name, value, MIN_SIZE, 16 * 1024 * 1024);
			case "--warmup" -> this.warmup = duration(name, value);
			case "--duration" -> this.duration = duration(name, value);
			case "--timeout" -> this.timeout = duration(name, value);
			default -> throw new IllegalArgumentException("unknown option " + name);
		}
	}

	private static URI url(String value) {
		try {
			URI uri = URI.create(value);
			if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException("--url (" + value + ") must be an absolute http URL");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--url (" + value + ") must be an absolute http URL");
		}
	}

	private static int integer(String name, String value, int min, int max) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed < min || parsed > max) {
				throw new IllegalArgumentException(name + " (" + value + ") must be between " + min + " and " + max);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " (" + value + ") is not a number");
		}
	}

	/** Seconds by default, or with a unit: {@code 500ms}, {@code 2s}, {@code 2m}. */
	private static Duration duration(String name, String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		double factorMillis = 1000;
		if (text.endsWith("ms")) {
			factorMillis = 1;
			text = text.substring(0, text.length() - 2);
		}
		else if (text.endsWith("s")) {
			text = text.substring(0, text.length() - 1);
		}
		else if (text.endsWith("m")) {
			factorMillis = 60_000;
			text = text.substring(0, text.length() - 1);
		}
		try {
			double amount = Double.parseDouble(text);
			if (amount < 0 || amount * factorMillis > Duration.ofDays(1).toMillis()) {
				throw new IllegalArgumentException(name + " (" + value + ") must be between 0 and one day");
			}
			return Duration.ofMillis(Math.round(amount * factorMillis));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " (" + value + ") is not a duration such as 10s or 500ms");
		}
	}

}
