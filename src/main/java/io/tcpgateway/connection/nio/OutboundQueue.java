package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import javax.net.ssl.SSLException;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.TrafficCounters;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.limits.SlowConsumerLimits;
import io.tcpgateway.tls.TlsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The bytes waiting to be written to one NIO connection, as Netty's
 * {@code ChannelOutboundBuffer} is: framed replies (or TLS records) queue here, in order,
 * and leave in non-blocking writes that coalesce everything queued.
 *
 * <p>
 * Only the connection's {@link EventLoop} queues and writes, as in Netty, whose buffer
 * "must be called by a transport implementation from an I/O thread": no lock. A read
 * batch holds writes back until its last frame is dispatched, so the replies to one read
 * leave in one write (framed straight into the loop's buffer while nothing else waits:
 * {@link BatchReplies}). A reply sent from another thread (the handler pool, a push, the
 * sweeper's heartbeat) is handed over to the loop ({@link OutboundReplies}), counted here
 * from that moment. A socket that will not take more sets the loop's interest in
 * {@code OP_WRITE}. Replies that pile up past the slow-consumer limit close the
 * connection. Methods are called on the loop's thread unless marked otherwise.
 */
final class OutboundQueue {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final NioConnection connection;

	private final SlowConsumerLimits limits;

	private final CoalescingWrite write;

	private final TrafficCounters traffic;

	private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(2);

	/** The queued and handed-over bytes counted: read by any thread. */
	private final PendingBytes pendingBytes;

	/** Set while a read batch dispatches its frames; loop thread only. */
	private boolean batching;

	/** The replies of the current read batch, in the loop's buffer. */
	private final BatchReplies batch;

	/** Set while the socket is full and the loop waits for {@code OP_WRITE}. */
	private boolean awaitingWritable;

	OutboundQueue(NioConnection connection, SocketChannel channel, NioSettings settings, EventLoop loop,
			TlsSession tls) {
		this.connection = connection;
		this.limits = settings.connection().slowConsumer();
		this.write = new CoalescingWrite(channel, settings.writeBuffers(), loop);
		this.traffic = connection.session().traffic();
		this.pendingBytes = new PendingBytes(settings.collaborators().memory().outbound());
		this.batch = new BatchReplies(channel, loop, this.pendingBytes, tls);
	}

	/** Queue bytes to write: a framed message, or TLS records. */
	void add(ByteBuffer bytes) throws SSLException {
		this.batch.moveTo(this.pending);
		if (this.pending.isEmpty()) {
			this.pendingBytes.progressed();
		}
		this.pending.add(bytes);
		this.pendingBytes.add(bytes.remaining());
	}

	/** Count a reply the TLS session holds as waiting. */
	void held(long bytes) {
		this.pendingBytes.held(bytes);
	}

	/** Held replies are queued as records now, counted as those. */
	void released(long bytes) {
		this.pendingBytes.remove(bytes);
	}

	/**
	 * Frame a reply into the loop's direct buffer, for the end of the read batch to
	 * write: during the batch, while nothing else waits and the frame fits.
	 * @return whether the reply was framed there; if not, the caller queues it
	 */
	boolean addToBatch(FrameEncoder encoder, byte[] payload) throws SSLException {
		if (!this.batching) {
			return false;
		}
		// TLS records queued before the batch (a session ticket made by the same read)
		// do not keep its replies from being sealed together, after them
		boolean mayStart = (this.pending.isEmpty() || this.batch.isSealed()) && !this.awaitingWritable;
		if (this.batch.add(encoder, payload, mayStart)) {
			return true;
		}
		this.batch.moveTo(this.pending);
		return false;
	}

	/**
	 * Queue the read batch's replies so far, sealed into records on TLS: before the TLS
	 * session makes any other record, so that records leave in the order they are made.
	 */
	void queueBatch() throws SSLException {
		this.batch.moveTo(this.pending);
	}

	/** One more message has been queued. */
	void messageAdded() {
		this.pendingBytes.messageAdded();
	}

	/**
	 * A reply of that many bytes is handed over to the loop by another thread: waiting
	 * from now on; any thread.
	 */
	void handedOver(long bytes) {
		this.pendingBytes.handedOver(bytes);
	}

	/** The loop starts to queue a reply handed over. */
	void moveStarted() {
		this.pendingBytes.moveStarted();
	}

	/** The reply handed over is queued (or failed to be), counted as queued now. */
	void moved(long bytes) {
		this.pendingBytes.moved(bytes);
	}

	/** A reply handed over is dropped: the connection has closed. */
	void dropped(long bytes) {
		this.pendingBytes.dropped(bytes);
	}

	/**
	 * Write what is queued, unless a read batch or a full socket holds it back.
	 */
	void flushUnlessHeld() {
		if (!this.connection.isOpen() || closeIfOverLimit()) {
			this.pendingBytes.updateBudget();
			return;
		}
		if (this.batching) {
			return;
		}
		if (this.awaitingWritable) {
			this.pendingBytes.updateBudget();
			return;
		}
		flush();
	}

	/** Hold writes back while a read dispatches its frames; loop thread. */
	void beginBatch() {
		this.batching = true;
	}

	/** The read's frames are dispatched: write their replies together. */
	void endBatch() throws SSLException {
		this.batching = false;
		if (!this.awaitingWritable) {
			flush();
		}
		else {
			this.batch.moveTo(this.pending);
			this.pendingBytes.updateBudget();
		}
	}

	/** The socket can take more bytes. */
	void writable() {
		this.awaitingWritable = false;
		this.connection.interest().writeInterest(false);
		flush();
	}

	/**
	 * Close the connection when its replies pile up past the slow-consumer limit; any
	 * thread.
	 * @return whether it was closed for that
	 */
	boolean closeIfOverLimit() {
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

	/** Write what the socket takes now. */
	private void flush() {
		try {
			if (!writeQueued()) {
				this.awaitingWritable = true;
				this.connection.interest().writeInterest(true);
				return;
			}
		}
		catch (SSLException ex) {
			this.connection.close(this.connection.session().errors().tlsFailed(this.connection, ex), CloseMode.NOW);
			return;
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
			if (!this.batch.isEmpty() && this.pending.isEmpty()) {
				// nothing else is queued behind a batch: what the socket does not take of
				// it waits, copied to the queue
				writtenNow = this.batch.writeTo(this.pending);
			}
			else {
				// a TLS batch that started behind queued records leaves after them
				this.batch.moveTo(this.pending);
				writtenNow = this.write.writeAll(this.pending, this.pendingBytes);
			}
			return this.pending.isEmpty();
		}
		finally {
			this.pendingBytes.countSent(this.traffic, writtenNow);
		}
	}

	/**
	 * @return whether bytes queued (TLS records, once made) wait to be written
	 */
	boolean recordsUnsent() {
		return !this.pending.isEmpty();
	}

	/**
	 * Forget the read batch's replies unsent: its TLS session failed while reading, and
	 * can seal nothing more.
	 */
	void dropBatch() {
		this.batch.drop();
	}

	/**
	 * @return whether nothing the loop queued waits to be written
	 */
	boolean isEmpty() {
		return this.pending.isEmpty() && this.batch.isEmpty();
	}

	/** Drop whatever is queued: the connection has closed. */
	void clear() {
		this.pending.clear();
		this.batch.clear();
		this.pendingBytes.clear();
	}

	/**
	 * @return bytes queued or handed over and not yet written; any thread
	 */
	long pendingBytes() {
		return this.pendingBytes.get();
	}

	/**
	 * @return for how long queued bytes have made no progress, 0 when nothing waits; any
	 * thread
	 */
	long stalledNanos(long now) {
		return this.pendingBytes.stalledNanos(now);
	}

}
