package io.tcpgateway.server;

import java.nio.ByteBuffer;

/**
 * One read buffer per worker thread, shared by every connection that thread reads for: an idle
 * connection holds no read buffer, only its decoder's incomplete frame, if any.
 */
final class ReadBuffers {

	private final ThreadLocal<ByteBuffer> buffers;

	ReadBuffers(int size, boolean direct) {
		this.buffers = ThreadLocal.withInitial(() -> direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size));
	}

	/**
	 * @return this thread's buffer, cleared
	 */
	ByteBuffer get() {
		return this.buffers.get().clear();
	}

}
