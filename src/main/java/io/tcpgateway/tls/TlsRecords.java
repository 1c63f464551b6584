package io.tcpgateway.tls;

import java.nio.ByteBuffer;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Wraps plaintext into TLS records, each queued in a buffer of its own size.
 */
final class TlsRecords {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	/**
	 * The wrapping thread's buffer for one record, copied out at its size: a record
	 * queued in a buffer of the engine's packet size (about 16 KB) would hold that much
	 * for a short reply, unseen by the connection's count of bytes waiting.
	 */
	private static final ThreadLocal<ByteBuffer> RECORD = ThreadLocal.withInitial(() -> EMPTY);

	private TlsRecords() {
	}

	/**
	 * Wrap all of {@code source} (or, once the engine has closed, what it still makes).
	 * @return the last result of the engine
	 */
	static SSLEngineResult wrap(SSLEngine engine, ByteBuffer source, List<ByteBuffer> records) throws SSLException {
		SSLEngineResult result;
		do {
			ByteBuffer scratch = recordBuffer(engine, false);
			result = engine.wrap(source, scratch);
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
				// the session's packet size grew (a larger record limit was agreed)
				scratch = recordBuffer(engine, true);
				result = engine.wrap(source, scratch);
				if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
					throw new SSLException("TLS record larger than the engine's packet size");
				}
			}
			scratch.flip();
			if (scratch.hasRemaining()) {
				ByteBuffer record = ByteBuffer.allocate(scratch.remaining());
				record.put(scratch).flip();
				records.add(record);
			}
		}
		while (source.hasRemaining() && result.getStatus() == SSLEngineResult.Status.OK);
		return result;
	}

	/**
	 * @param engine the engine whose packet size the buffer must hold when asked
	 * @param packetSize whether to make sure the buffer holds the session's packet size
	 * @return this thread's record buffer, cleared
	 */
	private static ByteBuffer recordBuffer(SSLEngine engine, boolean packetSize) {
		ByteBuffer buffer = RECORD.get();
		if (packetSize || buffer.capacity() == 0) {
			int size = engine.getSession().getPacketBufferSize();
			if (buffer.capacity() < size) {
				buffer = ByteBuffer.allocate(size);
				RECORD.set(buffer);
			}
		}
		return buffer.clear();
	}

}
