package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.TrafficCounters;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.SlowConsumerLimits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The bytes waiting to be written to one NIO connection, as Netty's
 * {@code ChannelOutboundBuffer} is: framed replies (or TLS records) queue here, in order,
 * and leave in non-blocking writes that coalesce everything queued.
 *
 * <p>
 * Only the connection's {@link EventLoop} writes. A read batch holds writes back until
 * its last frame is dispatched, so the replies to one read leave in one write; while
 * nothing else waits, the replies the loop makes meanwhile are framed straight into its
 * direct buffer, and only what the socket does not take is copied to the queue. A reply
 * sent from another thread (the handler pool, the sweeper's heartbeat) is queued, and the
 * loop is asked once to flush whatever is queued by then. A socket that will not take
 * more sets the loop's interest in {@code OP_WRITE}. Replies that pile up past the
 * slow-consumer limit close the connection. Methods marked so are called with
 * {@link #lock()} held: the lock guards the queue between the threads that add and the
 * loop that writes, and orders TLS records, which must leave in the order the engine made
 * them.
 */
final class OutboundQueue {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final NioConnection connection;

	private final SocketChannel channel;

	private final SlowConsumerLimits limits;

	private final EventLoop loop;

	private final Runnable flushTask = this::flushFromLoop;

	private final ThreadBuffers writeBuffers;

	private final TrafficCounters traffic;

	private final Lock lock = new ReentrantLock();

	/** Reply bytes waiting on every connection together. */
	private final MemoryBudget budget;

	/**
	 * Pending bytes counted in the budget; written under the lock. Replies written at
	 * once are never counted, so the shared counter is touched only by clients that fall
	 * behind.
	 */
	private long budgeted;

	private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(2);

	/** Bytes queued and not yet written; written under the lock, read without it. */
	private volatile long pendingBytes;

	/**
	 * When queued bytes last made progress (or started waiting); written under the lock.
	 */
	private volatile long lastProgressNanos;

	/** Messages queued since the last write was counted. */
	private int uncountedMessages;

	/** Set while a read batch dispatches its frames; loop thread only. */
	private boolean batching;

	/**
	 * The replies of the current read batch, framed straight into the loop's direct
	 * buffer: no heap buffer per reply, no copy before the write. In use only while
	 * nothing else is queued, from the batch's first reply until its end or until
	 * something else is queued behind them, which first moves them to the queue; lock
	 * held.
	 */
	private ByteBuffer framedInBatch;

	/**
	 * Set while the socket is full and the loop waits for {@code OP_WRITE}; lock held.
	 */
	private boolean awaitingWritable;

	/** Set while a flush task is queued on the loop; lock held. */
	private boolean flushScheduled;

	OutboundQueue(NioConnection connection, SocketChannel channel, NioSettings settings, EventLoop loop) {
		this.connection = connection;
		this.channel = channel;
		this.limits = settings.connection().slowConsumer();
		this.writeBuffers = settings.writeBuffers();
		this.loop = loop;
		this.traffic = connection.session().traffic();
		this.budget = settings.collaborators().memory().outbound();
	}

	Lock lock() {
		return this.lock;
	}

	/** Queue bytes to write: a framed message, or TLS records; lock held. */
	void add(ByteBuffer bytes) {
		if (this.framedInBatch != null) {
			queueFramedInBatch();
		}
		if (this.pending.isEmpty()) {
			this.lastProgressNanos = System.nanoTime();
		}
		this.pending.add(bytes);
		this.pendingBytes += bytes.remaining();
	}

	/**
	 * Count a reply the TLS session holds until its handshake is done as waiting, so the
	 * limits apply to it like to any reply; lock held.
	 */
	void held(long bytes) {
		if (this.pendingBytes == 0) {
			this.lastProgressNanos = System.nanoTime();
		}
		this.pendingBytes += bytes;
	}

	/** Held replies are queued as records now, counted as those; lock held. */
	void released(long bytes) {
		this.pendingBytes -= bytes;
	}

	/**
	 * Frame a reply into the loop's direct buffer, for the end of the read batch to
	 * write: during the batch, while nothing else waits and the frame fits. Loop thread,
	 * lock held.
	 * @return whether the reply was framed there; if not, the caller queues it
	 */
	boolean addToBatch(FrameEncoder encoder, byte[] payload) {
		if (!this.batching) {
			return false;
		}
		ByteBuffer target = this.framedInBatch;
		if (target == null) {
			if (!this.pending.isEmpty() || this.awaitingWritable) {
				return false;
			}
			target = this.loop.batchBuffer();
			this.lastProgressNanos = System.nanoTime();
		}
		int length = encoder.frameLength(payload.length);
		if (length > target.remaining()) {
			if (this.framedInBatch != null) {
				queueFramedInBatch();
			}
			return false;
		}
		encoder.encode(payload, target);
		this.framedInBatch = target;
		this.pendingBytes += length;
		return true;
	}

	/**
	 * Move the replies framed in the loop's buffer to the queue, ahead of what is queued
	 * next; their bytes are counted already. Lock held.
	 */
	private void queueFramedInBatch() {
		ByteBuffer framed = this.framedInBatch.flip();
		this.framedInBatch = null;
		queueCopyOf(framed);
	}

	/**
	 * Queue a heap copy of what is left of the loop's buffer, which the next batch
	 * reuses. Lock held.
	 */
	private void queueCopyOf(ByteBuffer framed) {
		ByteBuffer copy = ByteBuffer.allocate(framed.remaining());
		copy.put(framed).flip();
		this.pending.add(copy);
	}

	/**
	 * One more message has been queued, to be counted with the write that sends it; lock
	 * held.
	 */
	void messageAdded() {
		this.uncountedMessages++;
	}

	/**
	 * Write what is queued, unless a read batch or a full socket holds it back; on
	 * another thread than the loop's, have the loop write it; lock held.
	 */
	void flushUnlessHeld() {
		boolean inLoop = this.loop.inLoop();
		if (!this.connection.isOpen() || exceedsLimit()) {
			updateBudget();
			return;
		}
		if (inLoop && this.batching) {
			return;
		}
		if (this.awaitingWritable) {
			updateBudget();
			return;
		}
		if (inLoop) {
			flush();
			return;
		}
		updateBudget();
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			this.loop.execute(this.flushTask);
		}
	}

	/** Hold writes back while a read dispatches its frames; loop thread. */
	void beginBatch() {
		this.batching = true;
	}

	/** Replies queued by other threads: write them now; on the loop. */
	private void flushFromLoop() {
		this.lock.lock();
		try {
			this.flushScheduled = false;
			if (this.connection.isOpen() && !this.awaitingWritable && !this.pending.isEmpty()) {
				flush();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The read's frames are dispatched: write their replies together. */
	void endBatch() {
		this.lock.lock();
		try {
			this.batching = false;
			if (!this.awaitingWritable) {
				flush();
			}
			else {
				if (this.framedInBatch != null) {
					queueFramedInBatch();
				}
				updateBudget();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The socket can take more bytes; loop thread. */
	void writable() {
		this.lock.lock();
		try {
			this.awaitingWritable = false;
			this.connection.writeInterest(false);
			flush();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean exceedsLimit() {
		long limit = this.limits.closeAbove();
		if (this.pendingBytes <= limit) {
			return false;
		}
		this.connection.session()
			.errors()
			.closing("slow-consumer", this.connection, this.pendingBytes + " reply bytes waiting exceed the limit ("
					+ limit + "); the client does not read its replies");
		this.connection.closeFor(CloseReason.SLOW_CONSUMER);
		return true;
	}

	/** Write what the socket takes now; loop thread, lock held. */
	private void flush() {
		try {
			if (!writeQueued()) {
				this.awaitingWritable = true;
				this.connection.writeInterest(true);
				return;
			}
		}
		catch (IOException ex) {
			logger.debug("Closing connection " + this.connection.getConnectionId() + " after a write failed: "
					+ ex.getMessage());
			this.connection.closeFor(CloseReason.CLIENT);
			return;
		}
		if (this.connection.session().requests().closeWhenDone() != null) {
			this.connection.closeIfDone();
		}
	}

	/**
	 * @return {@code true} when everything queued was written, {@code false} when the
	 * socket is full
	 */
	private boolean writeQueued() throws IOException {
		long writtenNow = 0;
		try {
			if (this.framedInBatch != null) {
				writtenNow = writeFramedInBatch();
				if (!this.pending.isEmpty()) {
					// the socket took part of the batch: the rest waits, copied to the
					// queue
					return false;
				}
			}
			while (!this.pending.isEmpty()) {
				long written = writePending();
				if (written > 0) {
					this.pendingBytes -= written;
					writtenNow += written;
					this.lastProgressNanos = System.nanoTime();
				}
				while (!this.pending.isEmpty() && !this.pending.peekFirst().hasRemaining()) {
					this.pending.pollFirst();
				}
				if (written == 0 && !this.pending.isEmpty()) {
					return false;
				}
			}
			return true;
		}
		finally {
			if (writtenNow > 0 || this.uncountedMessages > 0) {
				this.traffic.sent(this.uncountedMessages, writtenNow);
				this.uncountedMessages = 0;
			}
			updateBudget();
		}
	}

	/**
	 * Write the replies framed in the loop's buffer; what the socket does not take is
	 * queued. Lock held.
	 */
	private long writeFramedInBatch() throws IOException {
		ByteBuffer framed = this.framedInBatch.flip();
		this.framedInBatch = null;
		int written = this.channel.write(framed);
		if (written > 0) {
			this.pendingBytes -= written;
			this.lastProgressNanos = System.nanoTime();
		}
		if (framed.hasRemaining()) {
			queueCopyOf(framed);
		}
		return written;
	}

	/** Tell the gateway's outbound budget how many bytes wait now; lock held. */
	private void updateBudget() {
		long now = this.pendingBytes;
		if (now != this.budgeted) {
			this.budget.change(now - this.budgeted);
			this.budgeted = now;
		}
	}

	/**
	 * @return whether nothing waits to be written; lock held
	 */
	boolean isEmpty() {
		return this.pending.isEmpty() && this.framedInBatch == null;
	}

	/** Drop whatever is queued: the connection has closed. */
	void clear() {
		this.lock.lock();
		try {
			this.pending.clear();
			this.framedInBatch = null;
			this.pendingBytes = 0;
			updateBudget();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return bytes queued and not yet written; read without the lock
	 */
	long pendingBytes() {
		return this.pendingBytes;
	}

	/**
	 * @return for how long queued bytes have made no progress, 0 when nothing waits; read
	 * without the lock
	 */
	long stalledNanos(long now) {
		return (this.pendingBytes > 0) ? now - this.lastProgressNanos : 0;
	}

	/**
	 * One write of queued bytes. Queued heap buffers are copied into this thread's direct
	 * write buffer and written as one: the JDK would otherwise copy each into a temporary
	 * direct buffer of its own, looked up per buffer. Buffers too large for that buffer
	 * are written with a gathering write.
	 * @return the bytes written; the queued buffers have been advanced past them
	 */
	private long writePending() throws IOException {
		ByteBuffer first = this.pending.peekFirst();
		if (!first.isDirect()) {
			ByteBuffer coalesced = this.writeBuffers.get();
			if (first.remaining() <= coalesced.remaining()) {
				for (ByteBuffer queued : this.pending) {
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
				skipWritten(written);
				return written;
			}
		}
		ByteBuffer[] gathering = this.loop.gatheringBuffers();
		int count = 0;
		for (ByteBuffer buffer : this.pending) {
			gathering[count++] = buffer;
			if (count == EventLoop.MAX_BUFFERS_PER_WRITE) {
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
	private void skipWritten(long written) {
		long left = written;
		for (ByteBuffer queued : this.pending) {
			if (left == 0) {
				return;
			}
			int skipped = (int) Math.min(queued.remaining(), left);
			queued.position(queued.position() + skipped);
			left -= skipped;
		}
	}

}
