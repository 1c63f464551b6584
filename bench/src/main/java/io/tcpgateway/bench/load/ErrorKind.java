package io.tcpgateway.bench.load;

import java.io.IOException;
import java.util.Locale;

/**
 * Why a connection failed; each failure closes its connection, since the stream can no
 * longer be trusted.
 */
enum ErrorKind {

	/** A reply whose bytes differ from what was sent (including a wrong frame length). */
	CORRUPT,

	/** An intact reply of this connection, but not the next one expected. */
	OUT_OF_ORDER,

	/** Bytes received when no message was in flight. */
	UNEXPECTED,

	/** The server closed the connection while it was in use. */
	CLOSED,

	/**
	 * The server reset the connection: a read or write failed with a reset or broken
	 * pipe.
	 */
	RESET,

	/** A read or write failed otherwise. */
	IO,

	/** The oldest message in flight was not answered within the reply timeout. */
	TIMEOUT;

	/** The kind of a failed read or write. */
	static ErrorKind of(IOException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage().toLowerCase(Locale.ROOT) : "";
		return (message.contains("reset") || message.contains("broken pipe")) ? RESET : IO;
	}

}
