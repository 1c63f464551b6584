package io.tcpgateway.connection.nio;

import java.nio.ByteBuffer;

/**
 * The write buffers one event loop shares among its connections, which write on the
 * loop's thread only, rather than one per connection; loop thread only.
 */
final class LoopBuffers {

	/** Buffers one gathering write takes, at most. */
	static final int MAX_BUFFERS_PER_WRITE = 64;

	/**
	 * The room for a read batch's TLS replies sealed into records: the records of a full
	 * batch, plus a packet the JDK's engine wants free before it makes a record.
	 */
	static final int SEALED_BUFFER_SIZE = NioSettings.WRITE_BUFFER_SIZE + 2 * 17 * 1024;

	/** The array a gathering write is given. */
	private final ByteBuffer[] gatheringBuffers = new ByteBuffer[MAX_BUFFERS_PER_WRITE];

	/**
	 * The direct buffer the replies of one read batch are framed into, made on first use:
	 * one connection reads at a time, and its batch is written (or queued) before the
	 * next one reads.
	 */
	private ByteBuffer batchBuffer;

	/**
	 * The records a read batch's TLS replies are sealed into, made on first use, in
	 * native memory for an engine that works there, else in the heap.
	 */
	private ByteBuffer directSealed;

	private ByteBuffer heapSealed;

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

	/**
	 * @param direct whether the engine that seals works in native memory
	 * @return the buffer a batch's TLS records are sealed into, cleared
	 */
	ByteBuffer sealedBuffer(boolean direct) {
		if (direct) {
			if (this.directSealed == null) {
				this.directSealed = ByteBuffer.allocateDirect(SEALED_BUFFER_SIZE);
			}
			return this.directSealed.clear();
		}
		if (this.heapSealed == null) {
			this.heapSealed = ByteBuffer.allocate(SEALED_BUFFER_SIZE);
		}
		return this.heapSealed.clear();
	}

}
