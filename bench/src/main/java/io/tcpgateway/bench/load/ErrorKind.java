package io.tcpgateway.bench.load;

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

	/** A read or write failed. */
	IO,

	/** The oldest message in flight was not answered within the reply timeout. */
	TIMEOUT

}
