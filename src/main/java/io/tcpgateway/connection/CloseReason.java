package io.tcpgateway.connection;

/**
 * Why the gateway closed (or refused) a connection; a bounded set, fit to tag metrics
 * with.
 */
public enum CloseReason {

	/** The client closed the connection, or reset it between frames. */
	CLIENT,

	/** The client sent nothing for longer than the idle timeout. */
	IDLE,

	/** A connection limit was reached. */
	LIMIT,

	/** The client opened connections faster than its connection rate allows. */
	RATE,

	/** A frame was longer than the maximum message size. */
	OVERSIZE,

	/** The bytes broke the framing, or the stream ended inside a frame. */
	DECODE_ERROR,

	/**
	 * A frame stayed incomplete for longer than the frame timeout.
	 */
	FRAME_TIMEOUT,

	/**
	 * The gateway held its whole budget of incomplete frames, and this connection held
	 * one of the largest.
	 */
	MEMORY,

	/** The client did not read its replies. */
	SLOW_CONSUMER,

	/** The gateway is shutting down. */
	SHUTDOWN,

	/**
	 * The PROXY protocol header was missing, invalid, late, or sent by an untrusted peer.
	 */
	PROXY,

	/** The TLS handshake failed or did not complete in time. */
	TLS,

	/** The application's message handler closed it. */
	HANDLER,

	/** An operator closed it. */
	ADMIN,

	/** An unexpected failure. */
	ERROR;

	/**
	 * @return the lower-case, dashed name used in logs and metric tags
	 */
	public String tagValue() {
		return EnumNames.kebabCase(this);
	}

}
