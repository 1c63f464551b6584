package io.tcpgateway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Command-line options of the load tool; {@link #USAGE} lists them.
 */
final class LoadOptions {

	static final String USAGE = """
			usage: load.sh --port P [options]
			Modes: echo (the default) keeps --conns connections busy; --idle N holds idle connections;
			--churn opens a connection, echoes one message on it and closes it, over and over.
			  --host H             server address (default 127.0.0.1)
			  --port P             server TCP port (required)
			  --conns N            connections (default 1); with --churn, connections open at a time
			  --pipeline N         messages in flight per connection (default 1; echo mode only)
			  --size N             payload bytes, at least %d (default 64)
			  --framing F          crlf, lf or length-header-4 (default crlf)
			  --warmup T           time before measuring, e.g. 2s, 500ms (default 2s)
			  --duration T         measured time (default 10s)
			  --threads N          client threads, each with its own selector (default: CPUs, at most 4)
			  --idle N             idle mode: open N connections, verify one echo on each, hold, verify again
			  --idle-extra N       echo mode: also hold N idle connections, each verified once before the
			                       run and once after it (default 0)
			  --hold T             idle mode: how long to hold the connections (default 30s)
			  --churn              churn mode: each of --conns slots connects, sends one message, verifies
			                       the echo and closes (the client first), then starts again, for --warmup
			                       then --duration; reports connections per second and the latency of the
			                       whole connect, round trip and close. A slot pauses 10 ms after a failed
			                       attempt. Each connection closed stays in TIME_WAIT on this side for 60 s,
			                       holding one of the ephemeral ports of the one source address (28k on
			                       Linux by default, ip_local_port_range): a run can open about 28k
			                       connections, 470/s sustained, unless the kernel reuses TIME_WAIT ports,
			                       as tcp_tw_reuse does by default for loopback only; out of ports, connects
			                       fail with "Cannot assign requested address"
			  --tls                TLS 1.3 on every connection, echo and churn modes only: cipher suite
			                       TLS_AES_128_GCM_SHA256, key exchange ECDHE on secp256r1 (P-256), no
			                       server name, the server's certificate checked against --tls-trust (host
			                       names are not checked). Echo mode handshakes once per connection and
			                       verifies one echo on each before the warmup (unmeasured, within
			                       --connect-timeout plus --reply-timeout); with --churn every connection
			                       makes a full handshake (no session is resumed) before its one echo, so
			                       connections per second are new TLS connections per second, the
			                       handshake rate
			  --tls-trust F        with --tls: PEM file of the server's certificate, the one trusted:
			                       the server must present it (byte for byte, within its validity) and
			                       prove it holds its key; required with --tls
			  --tls-engine E       with --tls: the client's TLS engine, openssl (BoringSSL, through
			                       Netty's tcnative: the cheapest client, so that a handshake costs the
			                       load tool less than the server) or jdk (default openssl)
			  --connect-batch N    connections opened at a time (default 500)
			  --connect-timeout T  limit for each batch of connections, with --churn for each connection
			                       (default 10s)
			  --reply-timeout T    a message not answered within this fails its connection (default 10s)
			  --progress T         interval of progress lines on stderr (default 5s)
			The jar's other commands: netty-echo [--port P] (CR LF lines echoed by Netty; with
			--tls-cert F --tls-key F [--tls-provider jdk|openssl] through TLS as --tls speaks it, PEM
			certificate and PKCS#8 key, the JDK's engine or OpenSSL (BoringSSL), default jdk);
			http-echo [--port P] [--threads N] (each POST answered with its body, 200, keep-alive);
			http-load --url U [--conns N] [--size N] [--warmup T] [--duration T] (POSTs in a closed
			loop, each response verified; http-load --help lists its options).
			""".formatted(Payloads.MIN_SIZE);

	String host = "127.0.0.1";

	int port = -1;

	int conns = 1;

	int pipeline = 1;

	int size = 64;

	Framing framing = Framing.CRLF;

	Duration warmup = Duration.ofSeconds(2);

	Duration duration = Duration.ofSeconds(10);

	int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

	int idle;

	int idleExtra;

	Duration hold = Duration.ofSeconds(30);

	boolean churn;

	int connectBatch = 500;

	Duration connectTimeout = Duration.ofSeconds(10);

	Duration replyTimeout = Duration.ofSeconds(10);

	Duration progress = Duration.ofSeconds(5);

	boolean tls;

	Path tlsTrust;

	String tlsEngine = "openssl";

	static LoadOptions parse(String... args) {
		LoadOptions options = new LoadOptions();
		int i = 0;
		while (i < args.length) {
			String name = args[i];
			if (name.equals("--churn") || name.equals("--tls")) {
				options.churn |= name.equals("--churn");
				options.tls |= name.equals("--tls");
				i++;
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + name);
			}
			options.set(name, args[i + 1]);
			i += 2;
		}
		options.check();
		return options;
	}

	private void set(String name, String value) {
		switch (name) {
			case "--host" -> this.host = value;
			case "--port" -> this.port = integer(name, value, 1, 65535);
			case "--conns" -> this.conns = integer(name, value, 1, 100_000);
			case "--pipeline" -> this.pipeline = integer(name, value, 1, 10_000);
			case "--size" -> this.size = integer(name, value, Payloads.MIN_SIZE, 16 * 1024 * 1024);
			case "--framing" -> this.framing = Framing.of(value);
			case "--warmup" -> this.warmup = duration(name, value);
			case "--duration" -> this.duration = duration(name, value);
			case "--threads" -> this.threads = integer(name, value, 1, 64);
			case "--idle" -> this.idle = integer(name, value, 1, 100_000);
			case "--idle-extra" -> this.idleExtra = integer(name, value, 0, 100_000);
			case "--hold" -> this.hold = duration(name, value);
			case "--connect-batch" -> this.connectBatch = integer(name, value, 1, 10_000);
			case "--connect-timeout" -> this.connectTimeout = duration(name, value);
			case "--reply-timeout" -> this.replyTimeout = duration(name, value);
			case "--progress" -> this.progress = duration(name, value);
			case "--tls-trust" -> this.tlsTrust = Path.of(value);
			case "--tls-engine" -> {
				if (!value.equals("openssl") && !value.equals("jdk")) {
					throw new IllegalArgumentException("--tls-engine (" + value + ") must be openssl or jdk");
				}
				this.tlsEngine = value;
			}
			default -> throw new IllegalArgumentException("unknown option " + name);
		}
	}

	private void check() {
		if (this.port < 0) {
			throw new IllegalArgumentException("--port is required");
		}
		if (this.duration.isZero() || this.progress.isZero() || this.replyTimeout.isZero()
				|| this.connectTimeout.isZero()) {
			throw new IllegalArgumentException("--duration, --progress and the timeouts must be positive");
		}
		if (this.idle > 0 && this.idleExtra > 0) {
			throw new IllegalArgumentException("--idle-extra belongs to echo mode and cannot be combined with --idle");
		}
		if (this.churn && (this.idle > 0 || this.idleExtra > 0 || this.pipeline != 1)) {
			throw new IllegalArgumentException(
					"--churn sends one message per connection and cannot be combined with --idle, --idle-extra or --pipeline");
		}
		if (this.tls && (this.idle > 0 || this.idleExtra > 0)) {
			throw new IllegalArgumentException(
					"--tls applies to echo and --churn modes, not to --idle or --idle-extra");
		}
		if (this.tls != (this.tlsTrust != null)) {
			throw new IllegalArgumentException(
					"--tls and --tls-trust go together: the certificate to trust is required");
		}
		if (this.tlsTrust != null && !Files.isReadable(this.tlsTrust)) {
			throw new IllegalArgumentException("--tls-trust " + this.tlsTrust + ": no readable file");
		}
	}

	boolean idleMode() {
		return this.idle > 0;
	}

	/** The wire of each new connection: TLS with --tls, else in the clear. */
	Supplier<Wire> wires() throws IOException {
		if (!this.tls) {
			return Wire::plain;
		}
		try {
			return TlsClient.trusting(this.tlsTrust, this.tlsEngine)::newWire;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("--tls-trust " + this.tlsTrust + ": " + ex.getMessage(), ex);
		}
	}

	boolean churnMode() {
		return this.churn;
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

	/**
	 * Seconds by default, or with a unit: {@code 500ms}, {@code 2s}, {@code 1.5},
	 * {@code 2m}.
	 */
	static Duration duration(String name, String value) {
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
