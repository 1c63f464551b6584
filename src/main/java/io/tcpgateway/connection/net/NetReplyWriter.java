package io.tcpgateway.connection.net;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.logging.WireLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.MessagingException;

/**
 * Writes one blocking connection's replies, each framed into one buffer and written
 * straight to the socket by the thread that made it, whole on the wire even when several
 * threads (a push, the handler) reply at once.
 *
 * <p>
 * Spring Integration's {@code TcpNetConnection} would write through a buffer as large as
 * the socket's send buffer (megabytes on loopback) for every connection; here a
 * connection holds only its 8 KB read buffer and the frame being handled.
 */
final class NetReplyWriter {

	private static final Log logger = LogFactory.getLog(NetReplyWriter.class);

	private final NetConnection connection;

	private final Socket socket;

	private final ConnectionSession session;

	private final FrameEncoder encoder;

	private final WireLog wireLog;

	/** Keeps replies from several threads (a push, the handler) whole on the wire. */
	private final Lock sendLock = new ReentrantLock();

	/**
	 * {@link System#nanoTime()} when the reply being written started, 0 when not writing.
	 */
	private volatile long sendingSinceNanos;

	NetReplyWriter(NetConnection connection, Socket socket, ConnectionSession session, FrameEncoder encoder,
			WireLog wireLog) {
		this.connection = connection;
		this.socket = socket;
		this.session = session;
		this.encoder = encoder;
		this.wireLog = wireLog;
	}

	/**
	 * Frame a reply and write it; any thread.
	 * @throws MessagingException when the write fails while the connection is open
	 */
	void send(byte[] payload) {
		ByteBuffer frame = this.encoder.encode(payload);
		if (this.wireLog.isEnabled()) {
			this.wireLog.write(this.connection.getConnectionId(), frame);
		}
		this.sendLock.lock();
		this.sendingSinceNanos = System.nanoTime();
		try {
			this.socket.getOutputStream()
				.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
			this.session.traffic().sent(1, frame.remaining());
		}
		catch (IOException ex) {
			if (this.connection.isOpen() && !this.session.isClosing()) {
				this.connection.close(CloseReason.CLIENT, CloseMode.NOW);
				throw new MessagingException(
						"Failed to write a reply to connection " + this.connection.getConnectionId(), ex);
			}
			// closed under the reply (client gone, or timed out): nobody is left to
			// receive it
			logger.debug("Dropped a reply to closed connection " + this.connection.getConnectionId() + ": "
					+ ex.getMessage());
		}
		finally {
			this.sendingSinceNanos = 0;
			this.sendLock.unlock();
		}
	}

	/**
	 * @return whether a reply is being written
	 */
	boolean isWriting() {
		return this.sendingSinceNanos != 0;
	}

	/**
	 * @return for how long the reply being written has been, 0 when none is
	 */
	long stalledNanos(long now) {
		long since = this.sendingSinceNanos;
		return (since != 0) ? now - since : 0;
	}

}
