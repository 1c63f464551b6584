package io.tcpgateway.tls;

import java.nio.ByteBuffer;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Wraps plaintext into TLS records: each queued in a buffer of its own size, or many
 * written into one buffer the caller writes from.
 */
final class TlsRecords {

	private TlsRecords() {
	}

	/**
	 * Wrap all of {@code source} (or, once the engine has closed, what it still makes).
	 * @return the last result of the engine
	 */
	static SSLEngineResult wrap(SSLEngine engine, ByteBuffer source, List<ByteBuffer> records, EngineBuffers buffers)
			throws SSLException {
		ByteBuffer from = buffers.source(source);
		SSLEngineResult result;
		do {
			ByteBuffer scratch = buffers.record(engine, false);
			result = engine.wrap(from, scratch);
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
				// the session's packet size grew (a larger record limit was agreed)
				scratch = buffers.record(engine, true);
				result = engine.wrap(from, scratch);
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
		while (from.hasRemaining() && result.getStatus() == SSLEngineResult.Status.OK);
		if (from != source) {
			source.position(source.limit() - from.remaining());
		}
		return result;
	}

	/**
	 * Wrap as much of {@code source} as {@code target} has room for, record after record,
	 * each as large as the engine makes them.
	 * @return whether all of {@code source} was wrapped; if not, {@code target} is full
	 * and the caller empties it before calling again
	 */
	static boolean wrapInto(SSLEngine engine, ByteBuffer source, ByteBuffer target) throws SSLException {
		while (source.hasRemaining()) {
			SSLEngineResult result = engine.wrap(source, target);
			switch (result.getStatus()) {
				case OK -> {
					if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
						throw new SSLException("TLS engine made no progress wrapping replies");
					}
				}
				case BUFFER_OVERFLOW -> {
					if (target.position() == 0) {
						throw new SSLException("TLS record larger than the buffer it is written into");
					}
					return false;
				}
				default -> throw new SSLException("TLS session " + result.getStatus() + " while wrapping replies");
			}
		}
		return true;
	}

	/**
	 * @return where the record at the source's position ends, by its header, or -1 while
	 * the header is incomplete
	 */
	static int recordEnd(ByteBuffer source) {
		if (source.remaining() < 5) {
			return -1;
		}
		int at = source.position();
		return at + 5 + (((source.get(at + 3) & 0xFF) << 8) | (source.get(at + 4) & 0xFF));
	}

}
