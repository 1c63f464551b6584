package io.tcpgateway.bench.load;

import java.io.PrintStream;

/**
 * Describes the first few connection failures on stderr; the rest are only counted.
 */
final class ErrorLog {

	private static final int MAX_DESCRIBED = 10;

	private final PrintStream stream;

	private int described;

	ErrorLog(PrintStream stream) {
		this.stream = stream;
	}

	void report(int connection, ErrorKind kind, String detail) {
		report(connection, kind.name().toLowerCase(), detail);
	}

	/** A line that is always printed, such as a hint about a kind of failure. */
	synchronized void note(String line) {
		this.stream.println(line);
	}

	synchronized void report(int connection, String kind, String detail) {
		if (this.described < MAX_DESCRIBED) {
			this.described++;
			this.stream.println("error: connection " + connection + ": " + kind + ": " + detail);
		}
	}

}
