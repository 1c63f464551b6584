package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One write of a connection's queued bytes, on its loop's thread. Queued heap buffers are
 * copied into the thread's direct write buffer and written as one: the JDK would
 * otherwise copy each into a temporary direct buffer of its own, looked up per buffer.
 * Buffers too large for that buffer are written with a gathering write.
 */
final class CoalescingWrite {

	private final SocketChannel channel;

	private final ThreadBuffers writeBuffers;

	private final EventLoop loop;

	CoalescingWrite(SocketChannel channel, ThreadBuffers writeBuffers, EventLoop loop) {
		this.channel = channel;
		this.writeBuffers = writeBuffers;
		this.loop = loop;
	}

	/**
	 * Write queued buffers while the socket takes them, dropping those written whole:
	 * what is left in {@code pending} waits for the socket to take more.
	 * @return the bytes written
	 */
	long writeAll(ArrayDeque<ByteBuffer> pending, PendingBytes pendingBytes) throws IOException {
		long writtenNow = 0;
		while (!pending.isEmpty()) {
			long written = write(pending);
			if (written > 0) {
				pendingBytes.written(written);
				writtenNow += written;
			}
			while (!pending.isEmpty() && !pending.peekFirst().hasRemaining()) {
				pending.pollFirst();
			}
			if (written == 0) {
				break;
			}
		}
		return writtenNow;
	}

	/**
	 * @return the bytes written; the queued buffers have been advanced past them
	 */
	private long write(ArrayDeque<ByteBuffer> pending) throws IOException {
		ByteBuffer first = pending.peekFirst();
		if (!first.isDirect()) {
			ByteBuffer coalesced = this.writeBuffers.get();
			if (first.remaining() <= coalesced.remaining()) {
				for (ByteBuffer queued : pending) {
					if (queued.remaining() > coalesced.remaining()) {
						break;
					}
					if (queued.hasArray()) {
						coalesced.put(queued.array(), queued.arrayOffset() + queued.position(), queued.remaining());
					}
					else {
						coalesced.put(queued.duplicate());
					}
				}
				coalesced.flip();
				int written = this.channel.write(coalesced);
				skipWritten(pending, written);
				return written;
			}
		}
		ByteBuffer[] gathering = this.loop.buffers().gatheringBuffers();
		int count = 0;
		for (ByteBuffer buffer : pending) {
			gathering[count++] = buffer;
			if (count == LoopBuffers.MAX_BUFFERS_PER_WRITE) {
				break;
			}
		}
		try {
			return this.channel.write(gathering, 0, count);
		}
		finally {
			Arrays.fill(gathering, 0, count, null);
		}
	}

	/** Advance the queued buffers past bytes written from a copy of them. */
	private static void skipWritten(ArrayDeque<ByteBuffer> pending, long written) {
		long left = written;
		for (ByteBuffer queued : pending) {
			if (left == 0) {
				return;
			}
			int skipped = (int) Math.min(queued.remaining(), left);
			queued.position(queued.position() + skipped);
			left -= skipped;
		}
	}

}
