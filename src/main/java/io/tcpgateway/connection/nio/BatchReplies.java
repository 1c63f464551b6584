package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import javax.net.ssl.SSLException;

import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.tls.TlsSession;

/**
 * The replies of one connection's current read batch, framed straight into the loop's
 * direct buffer: no heap buffer per reply, no copy before the write. In use only while
 * nothing else is queued, from the batch's first reply until its end or until something
 * else is queued behind them, which first moves them to the queue. On a TLS connection
 * the framed replies are plaintext, sealed together into as few records as their size
 * allows when they are written or moved: one record for a batch of short replies, not one
 * each. Every method is called on the loop's thread, which alone touches the
 * {@link OutboundQueue}.
 */
final class BatchReplies {

	private final SocketChannel channel;

	private final EventLoop loop;

	private final PendingBytes pendingBytes;

	/** The TLS layer that seals the replies, or {@code null} for plain TCP. */
	private final TlsSession tls;

	/** The loop's buffer holding the batch's replies, or {@code null} while none. */
	private ByteBuffer framed;

	BatchReplies(SocketChannel channel, EventLoop loop, PendingBytes pendingBytes, TlsSession tls) {
		this.channel = channel;
		this.loop = loop;
		this.pendingBytes = pendingBytes;
		this.tls = tls;
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
			this.pendingBytes.startWaiting();
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

	/**
	 * @return whether the replies are TLS plaintext, sealed when they leave the batch:
	 * they may then follow records queued before them
	 */
	boolean isSealed() {
		return this.tls != null;
	}

	boolean isEmpty() {
		return this.framed == null;
	}

	/**
	 * Move the replies framed in the loop's buffer to the queue, ahead of what is queued
	 * next; their bytes are counted already.
	 */
	void moveTo(ArrayDeque<ByteBuffer> pending) throws SSLException {
		if (this.framed != null) {
			ByteBuffer flipped = this.framed.flip();
			this.framed = null;
			queueCopyOf((this.tls != null) ? seal(flipped, pending) : flipped, pending);
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
		ByteBuffer out = flipped;
		if (this.tls != null) {
			out = seal(flipped, pending);
			if (!pending.isEmpty()) {
				// more records than the loop's buffer holds: the first are queued already
				queueCopyOf(out, pending);
				return 0;
			}
		}
		int written = this.channel.write(out);
		if (written > 0) {
			this.pendingBytes.written(written);
		}
		if (out.hasRemaining()) {
			queueCopyOf(out, pending);
		}
		return written;
	}

	/**
	 * Seal the batch's plaintext into records in the loop's buffer; were there more than
	 * it holds, those before the last are queued, in order. Counted as waiting from now
	 * on at their size, not the plaintext's.
	 * @return the loop's buffer with the (last) records
	 */
	private ByteBuffer seal(ByteBuffer plaintext, ArrayDeque<ByteBuffer> pending) throws SSLException {
		int plain = plaintext.remaining();
		long sealed = 0;
		ByteBuffer records = this.loop.buffers().sealedBuffer(this.tls.prefersDirectBuffers());
		while (!this.tls.seal(plaintext, records)) {
			records.flip();
			sealed += records.remaining();
			queueCopyOf(records, pending);
			records.clear();
		}
		records.flip();
		sealed += records.remaining();
		this.pendingBytes.add(sealed - plain);
		return records;
	}

	/** Drop the batch's replies: the connection has closed. */
	void clear() {
		this.framed = null;
	}

	/**
	 * Drop the batch's replies unsent, and their count: the TLS session failed and can
	 * seal nothing more.
	 */
	void drop() {
		if (this.framed != null) {
			this.pendingBytes.remove(this.framed.position());
			this.framed = null;
		}
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
