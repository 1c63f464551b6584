package io.tcpgateway.tls;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;

/**
 * The scratch buffers a wrapping or unwrapping thread lends to every TLS session it
 * serves (only event loops do, so there are as many as loops): in the heap for the JDK's
 * engine, in native memory for an engine that works there (OpenSSL's), which would
 * otherwise copy each heap buffer into one of its own, borrowed from its pool and given
 * back, on each side of every call. An idle session holds none of them.
 */
final class EngineBuffers {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	/** Replies up to this size are copied into native memory for such engines. */
	private static final int MAX_SOURCE_COPY = 64 * 1024;

	static final EngineBuffers HEAP = new EngineBuffers(false);

	static final EngineBuffers DIRECT = new EngineBuffers(true);

	private final boolean direct;

	/** Decrypted bytes, handed on before the next unwrap. */
	private final ThreadLocal<ByteBuffer> plaintext = ThreadLocal.withInitial(() -> EMPTY);

	/**
	 * One record, copied out at its size: a record queued in a buffer of the engine's
	 * packet size (about 16 KB) would hold that much for a short reply, unseen by the
	 * connection's count of bytes waiting.
	 */
	private final ThreadLocal<ByteBuffer> record = ThreadLocal.withInitial(() -> EMPTY);

	/** A heap reply copied into native memory, made on first use. */
	private final ThreadLocal<ByteBuffer> source = ThreadLocal.withInitial(() -> EMPTY);

	private EngineBuffers(boolean direct) {
		this.direct = direct;
	}

	/**
	 * @return this thread's buffer for decrypted bytes, at least {@code size} large,
	 * cleared
	 */
	ByteBuffer plaintext(int size) {
		ByteBuffer buffer = this.plaintext.get();
		if (buffer.capacity() < size) {
			buffer = allocate(size);
			this.plaintext.set(buffer);
		}
		return buffer.clear();
	}

	/**
	 * @param engine the engine whose packet size the buffer must hold when asked
	 * @param packetSize whether to make sure the buffer holds the session's packet size
	 * @return this thread's record buffer, cleared
	 */
	ByteBuffer record(SSLEngine engine, boolean packetSize) {
		ByteBuffer buffer = this.record.get();
		if (packetSize || buffer.capacity() == 0) {
			int size = engine.getSession().getPacketBufferSize();
			if (buffer.capacity() < size) {
				buffer = allocate(size);
				this.record.set(buffer);
			}
		}
		return buffer.clear();
	}

	/**
	 * @return what remains of {@code reply}, where the engine reads it best: a copy in
	 * this thread's native buffer for an engine that works there, else {@code reply}
	 * itself; the caller advances {@code reply} past what was wrapped of a copy
	 */
	ByteBuffer source(ByteBuffer reply) {
		if (!this.direct || reply.isDirect() || !reply.hasRemaining() || reply.remaining() > MAX_SOURCE_COPY) {
			return reply;
		}
		ByteBuffer buffer = this.source.get();
		if (buffer.capacity() == 0) {
			buffer = ByteBuffer.allocateDirect(MAX_SOURCE_COPY);
			this.source.set(buffer);
		}
		buffer.clear();
		buffer.put(reply.duplicate()).flip();
		return buffer;
	}

	private ByteBuffer allocate(int size) {
		return this.direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
	}

}
