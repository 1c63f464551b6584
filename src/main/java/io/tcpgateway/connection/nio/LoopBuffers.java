package io.tcpgateway.connection.nio;

import java.nio.ByteBuffer;

/**
 * The write buffers one event loop shares among its connections, which write on the
 * loop's thread only, rather than one per connection; loop thread only.
 */
final class LoopBuffers {

	/** Buffers one gathering write takes, at most. */
	static final int MAX_BUFFERS_PER_WRITE = 64;

	/** The array a gathering write is given. */
	private final ByteBuffer[] gatheringBuffers = new ByteBuffer[MAX_BUFFERS_PER_WRITE];

	/**
	 * The direct buffer the replies of one read batch are framed into, made on first use:
	 * one connection reads at a time, and its batch is written (or queued) before the
	 * next one reads.
	 */
	private ByteBuffer batchBuffer;

	/**
	 * @return the array for a gathering write, to be cleared after the write
	 */
	ByteBuffer[] gatheringBuffers() {
		return this.gatheringBuffers;
	}

	/**
	 * @return the buffer for the replies of a read batch, cleared
	 */
	ByteBuffer batchBuffer() {
		ByteBuffer buffer = this.batchBuffer;
		if (buffer == null) {
			buffer = ByteBuffer.allocateDirect(NioSettings.WRITE_BUFFER_SIZE);
			this.batchBuffer = buffer;
		}
		return buffer.clear();
	}

}
