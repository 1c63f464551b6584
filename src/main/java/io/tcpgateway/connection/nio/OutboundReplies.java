package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLException;

import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.tls.TlsSession;

import org.springframework.messaging.MessagingException;

/**
 * The write path of one NIO connection's replies: framed, shown in the wire log when that
 * is on, encrypted when the connection is TLS, and queued in the {@link OutboundQueue}
 * (on the loop, a plain reply is framed straight into the read batch's buffer).
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

	OutboundReplies(NioConnection connection, SocketChannel channel, FrameEncoder encoder, WireLog wireLog,
			OutboundQueue outbound, EventLoop loop, TlsSession tls) {
		this.connection = connection;
		this.channel = channel;
		this.encoder = encoder;
		this.wireLog = wireLog;
		this.outbound = outbound;
		this.loop = loop;
		this.tls = tls;
	}

	/**
	 * Frame a reply and queue it, in turn with the others; any thread.
	 * @throws MessagingException when the connection is closed or the reply cannot be
	 * encrypted
	 */
	void send(byte[] payload) {
		// on the loop a plain reply is framed under the lock: into the read batch's
		// buffer when the batch can take it
		boolean plainOnLoop = this.tls == null && !this.wireLog.isEnabled() && this.loop.inLoop();
		ByteBuffer frame = plainOnLoop ? null : frame(payload);
		this.outbound.lock().lock();
		try {
			if (!this.connection.isOpen()) {
				throw new MessagingException("Connection " + this.connection.getConnectionId() + " is closed");
			}
			if (frame == null && !this.outbound.addToBatch(this.encoder, payload)) {
				frame = this.encoder.encode(payload);
			}
			if (frame != null) {
				queue(frame);
			}
			// the limits are checked as for any reply; a batched one leaves at the end
			// of the batch
			this.outbound.messageAdded();
			this.outbound.flushUnlessHeld();
		}
		catch (SSLException ex) {
			throw new MessagingException("Failed to encrypt a reply", ex);
		}
		finally {
			this.outbound.lock().unlock();
		}
	}

	/** Queue a framed reply, encrypted when the connection is TLS; lock held. */
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
			this.tls.wrap(frame).forEach(this.outbound::add);
		}
	}

	/** Frame a reply off the lock, and show it in the wire log when that is on. */
	private ByteBuffer frame(byte[] payload) {
		ByteBuffer frame = this.encoder.encode(payload);
		if (this.wireLog.isEnabled()) {
			this.wireLog.write(this.connection.getConnectionId(), frame);
		}
		return frame;
	}

	/**
	 * Tell a TLS peer the stream ends here, so it can tell a close from a truncation;
	 * best effort.
	 */
	void sendCloseNotify() {
		if (this.tls == null || !this.tls.isHandshakeDone() || !this.connection.isOpen()) {
			return;
		}
		this.outbound.lock().lock();
		try {
			for (ByteBuffer record : this.tls.closeOutbound()) {
				this.channel.write(record);
			}
		}
		catch (IOException ex) {
			// the peer is gone already
		}
		finally {
			this.outbound.lock().unlock();
		}
	}

}
