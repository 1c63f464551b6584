package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.TrafficCounters;
import io.tcpgateway.framing.FrameEncoder;
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
 * its last frame is dispatched, so the replies to one read leave in one write (framed
 * straight into the loop's buffer while nothing else waits: {@link BatchReplies}). A
 * reply sent from another thread (the handler pool, the sweeper's heartbeat) is queued,
 * and the loop is asked once to flush whatever is queued by then. A socket that will not
 * take more sets the loop's interest in {@code OP_WRITE}. Replies that pile up past the
 * slow-consumer limit close the connection. Methods marked so are called with
 * {@link #lock()} held: the lock guards the queue between the threads that add and the
 * loop that writes, and orders TLS records, which must leave in the order the engine made
 * them.
 */
final class OutboundQueue {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final NioConnection connection;

	private final SlowConsumerLimits limits;

	private final EventLoop loop;

	private final Runnable flushTask = this::flushFromLoop;

	private final CoalescingWrite write;

	private final TrafficCounters traffic;

	private final Lock lock = new ReentrantLock();

	private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(2);

	/** The queued bytes counted: written under the lock, read without it. */
	private final PendingBytes pendingBytes;

	/** Set while a read batch dispatches its frames; loop thread only. */
	private boolean batching;

	/** The replies of the current read batch, in the loop's buffer; lock held. */
	private final BatchReplies batch;

	/**
	 * Set while the socket is full and the loop waits for {@code OP_WRITE}; lock held.
	 */
	private boolean awaitingWritable;

	/** Set while a flush task is queued on the loop; lock held. */
	private boolean flushScheduled;

	OutboundQueue(NioConnection connection, SocketChannel channel, NioSettings settings, EventLoop loop) {
		this.connection = connection;
		this.limits = settings.connection().slowConsumer();
		this.write = new CoalescingWrite(channel, settings.writeBuffers(), loop);
		this.loop = loop;
		this.traffic = connection.session().traffic();
		this.pendingBytes = new PendingBytes(settings.collaborators().memory().outbound());
		this.batch = new BatchReplies(channel, loop, this.pendingBytes);
	}

	Lock lock() {
		return this.lock;
	}

	/** Queue bytes to write: a framed message, or TLS records; lock held. */
	void add(ByteBuffer bytes) {
		this.batch.moveTo(this.pending);
		if (this.pending.isEmpty()) {
			this.pendingBytes.progressed();
		}
		this.pending.add(bytes);
		this.pendingBytes.add(bytes.remaining());
	}

	/** Count a reply the TLS session holds as waiting; lock held. */
	void held(long bytes) {
		this.pendingBytes.held(bytes);
	}

	/** Held replies are queued as records now, counted as those; lock held. */
	void released(long bytes) {
		this.pendingBytes.remove(bytes);
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
		if (this.batch.add(encoder, payload, this.pending.isEmpty() && !this.awaitingWritable)) {
			return true;
		}
		this.batch.moveTo(this.pending);
		return false;
	}

	/** One more message has been queued; lock held. */
	void messageAdded() {
		this.pendingBytes.messageAdded();
	}

	/**
	 * Write what is queued, unless a read batch or a full socket holds it back; on
	 * another thread than the loop's, have the loop write it; lock held.
	 */
	void flushUnlessHeld() {
		boolean inLoop = this.loop.inLoop();
		if (!this.connection.isOpen() || exceedsLimit()) {
			this.pendingBytes.updateBudget();
			return;
		}
		if (inLoop && this.batching) {
			return;
		}
		if (this.awaitingWritable) {
			this.pendingBytes.updateBudget();
			return;
		}
		if (inLoop) {
			flush();
			return;
		}
		this.pendingBytes.updateBudget();
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
				this.batch.moveTo(this.pending);
				this.pendingBytes.updateBudget();
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
			this.connection.interest().writeInterest(false);
			flush();
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean exceedsLimit() {
		long limit = this.limits.closeAbove();
		long waiting = this.pendingBytes.get();
		if (waiting <= limit) {
			return false;
		}
		this.connection.session()
			.errors()
			.closing("slow-consumer", this.connection, waiting + " reply bytes waiting exceed the limit (" + limit
					+ "); the client does not read its replies");
		this.connection.close(CloseReason.SLOW_CONSUMER, CloseMode.NOW);
		return true;
	}

	/** Write what the socket takes now; loop thread, lock held. */
	private void flush() {
		try {
			if (!writeQueued()) {
				this.awaitingWritable = true;
				this.connection.interest().writeInterest(true);
				return;
			}
		}
		catch (IOException ex) {
			logger.debug("Closing connection " + this.connection.getConnectionId() + " after a write failed: "
					+ ex.getMessage());
			this.connection.close(CloseReason.CLIENT, CloseMode.NOW);
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
			if (!this.batch.isEmpty()) {
				// nothing else is queued behind a batch: what the socket does not take of
				// it waits, copied to the queue
				writtenNow = this.batch.writeTo(this.pending);
			}
			else {
				writtenNow = this.write.writeAll(this.pending, this.pendingBytes);
			}
			return this.pending.isEmpty();
		}
		finally {
			this.pendingBytes.countSent(this.traffic, writtenNow);
		}
	}

	/**
	 * @return whether nothing waits to be written; lock held
	 */
	boolean isEmpty() {
		return this.pending.isEmpty() && this.batch.isEmpty();
	}

	/** Drop whatever is queued: the connection has closed. */
	void clear() {
		this.lock.lock();
		try {
			this.pending.clear();
			this.batch.clear();
			this.pendingBytes.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return bytes queued and not yet written; read without the lock
	 */
	long pendingBytes() {
		return this.pendingBytes.get();
	}

	/**
	 * @return for how long queued bytes have made no progress, 0 when nothing waits; read
	 * without the lock
	 */
	long stalledNanos(long now) {
		return this.pendingBytes.stalledNanos(now);
	}

}
