package io.tcpgateway.logging;

import java.nio.ByteBuffer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs each read and write of each connection as a hex dump on logger
 * {@code io.tcpgateway.wire} at TRACE: what a misbehaving client really sends. Callers
 * ask {@link #isEnabled()} once per read or reply, so with the level off the log costs
 * one field read and nothing else.
 *
 * <p>
 * The level is asked of the logger at startup and then by the connection sweeper on each
 * sweep ({@link #refresh()}), so a level set at run time (the {@code loggers} endpoint)
 * takes effect within a second: Logback's own check runs its turbo filters, which cost
 * more per read than the rest of the read's bookkeeping.
 *
 * <p>
 * The bytes are those the frame decoder sees and the encoder wrote: after TLS has
 * decrypted them, before it encrypts, PROXY header included.
 */
public final class WireLog {

	/** The logger's name, for {@code logging.level}. */
	public static final String LOGGER_NAME = "io.tcpgateway.wire";

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	private final int maxBytes;

	private volatile boolean enabled = logger.isTraceEnabled();

	/**
	 * @param maxBytes the most bytes shown of one read or write
	 */
	public WireLog(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	/** Ask the logger again whether it logs at TRACE. */
	public void refresh() {
		this.enabled = logger.isTraceEnabled();
	}

	/** Bytes read from a connection, from the buffer's position to its limit. */
	public void read(String connectionId, ByteBuffer bytes) {
		log(connectionId, "READ", bytes);
	}

	/** Bytes written to a connection, from the buffer's position to its limit. */
	public void write(String connectionId, ByteBuffer bytes) {
		log(connectionId, "WRITE", bytes);
	}

	private void log(String connectionId, String event, ByteBuffer bytes) {
		int length = bytes.remaining();
		String shown = (length > this.maxBytes) ? " (the first " + this.maxBytes + ")" : "";
		logger.trace("[" + connectionId + "] " + event + ": " + length + "B" + shown + System.lineSeparator()
				+ HexDump.format(bytes, this.maxBytes));
	}

}
