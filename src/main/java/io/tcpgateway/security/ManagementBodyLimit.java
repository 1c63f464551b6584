package io.tcpgateway.security;

import org.springframework.util.unit.DataSize;

/**
 * The most bytes a request body to the management server may have: room for a pushed
 * message of {@code tcp-gateway.max-message-size} in base64 (4/3 of it) and the JSON
 * around it, but never more than {@link #CEILING}, so that a few concurrent pushes cannot
 * take a small heap whatever the message size.
 *
 * @param maxBytes the bound, in bytes
 */
record ManagementBodyLimit(long maxBytes) {

	/**
	 * Room for the JSON around a payload, and for every other endpoint's small bodies.
	 */
	static final long OVERHEAD = DataSize.ofKilobytes(64).toBytes();

	/** The bound whatever the message size. */
	static final long CEILING = DataSize.ofMegabytes(8).toBytes();

	static ManagementBodyLimit forMaxMessageSize(long maxMessageSize) {
		long base64 = (maxMessageSize + 2) / 3 * 4;
		return new ManagementBodyLimit(Math.min(CEILING, base64 + OVERHEAD));
	}

}
