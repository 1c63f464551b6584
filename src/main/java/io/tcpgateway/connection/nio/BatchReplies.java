package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import io.tcpgateway.framing.FrameEncoder;

/**
 * The replies of one connection's current read batch, framed straight into the loop's
 * direct buffer: no heap buffer per reply, no copy before the write. In use only while
 * nothing else is queued, from the batch's first reply until its end or until something
 * else is queued behind them, which first moves them to the queue. Every method is called
 * on the loop's thread, which alone touches the {@link OutboundQueue}.
 */
final class BatchReplies {

	private final SocketChannel channel;

	private final EventLoop loop;

	private final PendingBytes pendingBytes;

	/** The loop's buffer holding the batch's replies, or {@code null} while none. */
	private ByteBuffer framed;

	BatchReplies(SocketChannel channel, EventLoop loop, PendingBytes pendingBytes) {
		this.channel = channel;
		this.loop = loop;
		this.pendingBytes = pendingBytes;
	}

	/**
	 * Frame a reply into the loop's buffer, if it fits.
	 * @param mayStart whether a first reply may be framed there: nothing else waits
	 * @return whether the reply was framed there; if not, the caller queues it, after
	 * {@link #moveTo moving} those framed before it
	 */
	boolean add(FrameEncoder encoder, byte[] payload, boolean mayStart) {
		ByteBuffer target = this.framed;
		if (target == null) {
			if (!mayStart) {
				return false;
			}
			target = this.loop.buffers().batchBuffer();
			this.pendingBytes.progressed();
		}
		int length = encoder.frameLength(payload.length);
		if (length > target.remaining()) {
			return false;
		}
		encoder.encode(payload, target);
		this.framed = target;
		this.pendingBytes.add(length);
		return true;
	}

	boolean isEmpty() {
		return this.framed == null;
	}

	/**
	 * Move the replies framed in the loop's buffer to the queue, ahead of what is queued
	 * next; their bytes are counted already.
	 */
	void moveTo(ArrayDeque<ByteBuffer> pending) {
		if (this.framed != null) {
			ByteBuffer flipped = this.framed.flip();
			this.framed = null;
			queueCopyOf(flipped, pending);
		}
	}

	/**
	 * Write the replies framed in the loop's buffer; what the socket does not take is
	 * queued.
	 * @return the bytes written
	 */
	long writeTo(ArrayDeque<ByteBuffer> pending) throws IOException {
		ByteBuffer flipped = this.framed.flip();
		this.framed = null;
		int written = this.channel.write(flipped);
		if (written > 0) {
			this.pendingBytes.written(written);
		}
		if (flipped.hasRemaining()) {
			queueCopyOf(flipped, pending);
		}
		return written;
	}

	/** Drop the batch's replies: the connection has closed. */
	void clear() {
		this.framed = null;
	}

	/**
	 * Queue a heap copy of what is left of the loop's buffer, which the next batch
	 * reuses.
	 */
	private static void queueCopyOf(ByteBuffer framed, ArrayDeque<ByteBuffer> pending) {
		ByteBuffer copy = ByteBuffer.allocate(framed.remaining());
		copy.put(framed).flip();
		pending.add(copy);
	}

}
