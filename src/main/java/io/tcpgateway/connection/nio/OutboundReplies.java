package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLException;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.tls.TlsSession;

import org.springframework.messaging.MessagingException;

/**
 * The write path of one NIO connection's replies: framed, shown in the wire log when that
 * is on, encrypted when the connection is TLS, and queued in the {@link OutboundQueue}
 * (on the loop, a plain reply is framed straight into the read batch's buffer).
 *
 * <p>
 * Only the connection's loop queues and encrypts, so the write state needs no lock: a
 * reply made on another thread is framed there, counted as waiting at once (the limits
 * and the memory budget see it), and handed over to the loop ({@link HandedOverReplies}),
 * which queues it before any reply it makes itself afterwards.
 */
final class OutboundReplies {

	private final NioConnection connection;

	private final SocketChannel channel;

	private final FrameEncoder encoder;

	private final WireLog wireLog;

	private final OutboundQueue outbound;

	private final EventLoop loop;

	/** The TLS layer, or {@code null} for plain TCP. */
	private final TlsSession tls;

	private final HandedOverReplies handedOver;

	OutboundReplies(NioConnection connection, SocketChannel channel, FrameEncoder encoder, WireLog wireLog,
			OutboundQueue outbound, EventLoop loop, TlsSession tls) {
		this.connection = connection;
		this.channel = channel;
		this.encoder = encoder;
		this.wireLog = wireLog;
		this.outbound = outbound;
		this.loop = loop;
		this.tls = tls;
		this.handedOver = new HandedOverReplies(loop, this::takeHandedOver);
	}

	/**
	 * Frame a reply and queue it, in turn with the others; any thread.
	 * @throws MessagingException when the connection is closed or the reply cannot be
	 * encrypted
	 */
	void send(byte[] payload) {
		if (!this.loop.inLoop()) {
			handOver(payload);
			return;
		}
		if (!this.handedOver.isEmpty()) {
			queueHandedOver();
		}
		if (!this.connection.isOpen()) {
			throw closed();
		}
		try {
			// a reply goes into the read batch's buffer when the batch can take it, to
			// be sealed with the others on TLS once the handshake is done
			if ((this.tls != null && !this.tls.isHandshakeDone()) || this.wireLog.isEnabled()
					|| !this.outbound.addToBatch(this.encoder, payload)) {
				queue(frame(payload));
			}
		}
		catch (SSLException ex) {
			// the replies of the batch before it may be lost with it: the stream of
			// records cannot go on
			this.connection.close(this.connection.session().errors().tlsFailed(this.connection, ex), CloseMode.NOW);
			throw new MessagingException("Failed to encrypt a reply", ex);
		}
		// the limits are checked as for any reply; a batched one leaves at the end of
		// the batch
		this.outbound.messageAdded();
		this.outbound.flushUnlessHeld();
	}

	/**
	 * Frame a reply on this thread and hand it to the loop, counted as waiting from now
	 * on: a client that does not read its replies is closed here, as if the loop had
	 * queued them.
	 */
	private void handOver(byte[] payload) {
		if (!this.connection.isOpen()) {
			throw closed();
		}
		ByteBuffer frame = frame(payload);
		this.outbound.handedOver(frame.remaining());
		this.handedOver.add(frame);
		this.outbound.closeIfOverLimit();
	}

	/** The loop's task: queue the replies handed over, and write them. */
	private void takeHandedOver() {
		this.handedOver.taking();
		queueHandedOver();
		this.outbound.flushUnlessHeld();
	}

	/**
	 * Queue the replies handed over by other threads, in order, dropping them once the
	 * connection has closed; loop thread.
	 */
	private void queueHandedOver() {
		ByteBuffer frame;
		while ((frame = this.handedOver.poll()) != null) {
			int counted = frame.remaining();
			if (!this.connection.isOpen()) {
				this.outbound.dropped(counted);
				continue;
			}
			Exception failed = null;
			this.outbound.moveStarted();
			try {
				queue(frame);
				this.outbound.messageAdded();
			}
			catch (SSLException | RuntimeException ex) {
				failed = ex;
			}
			finally {
				this.outbound.moved(counted);
			}
			if (failed != null) {
				// the thread that made the reply has moved on: the connection ends here
				this.connection.close((failed instanceof SSLException)
						? this.connection.session().errors().tlsFailed(this.connection, failed) : CloseReason.ERROR,
						CloseMode.NOW);
			}
		}
	}

	/**
	 * @return whether replies wait to be written: on the loop, queued or handed over;
	 * elsewhere, counted as waiting
	 */
	boolean waiting() {
		return this.loop.inLoop() ? !this.outbound.isEmpty() || !this.handedOver.isEmpty()
				: this.outbound.pendingBytes() > 0;
	}

	/** Drop the replies handed over: the connection has closed; loop thread. */
	void dropHandedOver() {
		ByteBuffer frame;
		while ((frame = this.handedOver.poll()) != null) {
			this.outbound.dropped(frame.remaining());
		}
	}

	/** Queue a framed reply, encrypted when the connection is TLS; loop thread. */
	private void queue(ByteBuffer frame) throws SSLException {
		if (this.tls == null) {
			this.outbound.add(frame);
		}
		else {
			if (!this.tls.isHandshakeDone()) {
				// held by the TLS session until the handshake is done: waiting all the
				// same
				this.outbound.held(frame.remaining());
			}
			// the batch's replies before it are sealed first: records leave in the
			// order they are made
			this.outbound.queueBatch();
			for (ByteBuffer record : this.tls.wrap(frame)) {
				this.outbound.add(record);
			}
		}
	}

	/** Frame a reply, and show it in the wire log when that is on. */
	private ByteBuffer frame(byte[] payload) {
		ByteBuffer frame = this.encoder.encode(payload);
		if (this.wireLog.isEnabled()) {
			this.wireLog.write(this.connection.getConnectionId(), frame);
		}
		return frame;
	}

	private MessagingException closed() {
		return new MessagingException("Connection " + this.connection.getConnectionId() + " is closed");
	}

	/**
	 * Tell a TLS peer the stream ends here, so it can tell a close from a truncation;
	 * best effort, on the loop, which alone makes the connection's records.
	 */
	void sendCloseNotify() {
		if (this.tls == null || !this.tls.isHandshakeDone() || !this.channel.isOpen()
				|| this.outbound.recordsUnsent()) {
			// a close_notify after records never sent (or sent in part) would reach the
			// peer as a corrupt record, not as the end of the stream
			return;
		}
		try {
			for (ByteBuffer record : this.tls.closeOutbound()) {
				this.channel.write(record);
			}
		}
		catch (IOException ex) {
			// the peer is gone already
		}
	}

}
