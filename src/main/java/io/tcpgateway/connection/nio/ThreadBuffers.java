package io.tcpgateway.connection.nio;

import java.nio.ByteBuffer;

/**
 * One buffer per thread, shared by every connection that thread reads or writes for: an
 * idle connection holds no I/O buffer, only its decoder's incomplete frame and its
 * unwritten replies, if any.
 */
final class ThreadBuffers {

	private final ThreadLocal<ByteBuffer> buffers;

	ThreadBuffers(int size, boolean direct) {
		this.buffers = ThreadLocal
			.withInitial(() -> direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size));
	}

	/**
	 * @return this thread's buffer, cleared
	 */
	ByteBuffer get() {
		return this.buffers.get().clear();
	}

}
