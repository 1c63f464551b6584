package io.tcpgateway.tls;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Replies sent before a TLS session's handshake has finished, held until it has, then
 * wrapped in the order they were sent; the connection counts them as waiting meanwhile.
 * Loop thread only.
 */
final class HeldReplies {

	private final ArrayDeque<ByteBuffer> replies = new ArrayDeque<>(2);

	/** Bytes of the held replies. */
	private long bytes;

	void hold(ByteBuffer reply) {
		this.bytes += reply.remaining();
		this.replies.add(reply);
	}

	/**
	 * Wrap every held reply into {@code records}, in order.
	 * @return the bytes of the replies, now in the records
	 */
	long wrapInto(SSLEngine engine, List<ByteBuffer> records, EngineBuffers buffers) throws SSLException {
		ByteBuffer held;
		while ((held = this.replies.poll()) != null) {
			TlsRecords.wrap(engine, held, records, buffers);
		}
		long released = this.bytes;
		this.bytes = 0;
		return released;
	}

}
