package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLException;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.Heartbeat;
import io.tcpgateway.connection.ReplyPayload;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.tls.TlsSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * An NIO connection that reads, decodes and writes without ever blocking a thread, and
 * answers in order.
 *
 * <p>
 * The stock {@link TcpNioConnection} pipes each read to "assembler" threads that block in
 * a deserializer; a second assembler may take the next frame of the same connection, so
 * pipelined requests are answered out of order, and a reply still being produced when the
 * client half-closes is dropped. Here one {@link EventLoop} serves the connection for its
 * whole life: when the socket is readable it has the {@link InboundReader} read what is
 * there and dispatch every complete frame, one after the other; replies are framed as
 * they are sent and wait in the {@link OutboundQueue}, which the loop writes together.
 * Interest in reading is dropped only while reads are paused, interest in writing only
 * set while the socket is full.
 */
final class NioConnection extends TcpNioConnection implements Connection {

	private final SocketChannel channel;

	private final ConnectionSession session;

	private final FrameEncoder encoder;

	private final WireLog wireLog;

	private final OutboundQueue outbound;

	private final InboundReader inbound;

	/** The TLS layer, or {@code null} for plain TCP. */
	private final TlsSession tls;

	/** The loop that reads and writes for this connection, for its whole life. */
	private final EventLoop loop;

	/** Set while the loop reads and dispatches; read by any thread. */
	private volatile boolean reading;

	/** The channel's key with the loop's selector, once registered; loop thread only. */
	private SelectionKey key;

	/** Set while reads are paused and the loop retries them later; loop thread only. */
	private boolean readPaused;

	/**
	 * Set while the connection waits in its loop's queue for the read delay, so that it
	 * waits there once however often it pauses meanwhile; loop thread only.
	 */
	private boolean awaitingReadDelay;

	/**
	 * {@link System#nanoTime()} when the connection joined the loop's queue of paused
	 * reads; loop thread only.
	 */
	private long pausedAt;

	/**
	 * Set while the socket is full and the loop waits for {@code OP_WRITE}; loop thread
	 * only.
	 */
	private boolean writeInterest;

	/** Set once a close has asked the loop to let go of the channel; any thread. */
	private volatile boolean closeHandedOver;

	NioConnection(SocketChannel channel, ApplicationEventPublisher publisher, String factoryName, NioSettings settings,
			EventLoop loop) {
		super(channel, true, false, publisher, factoryName);
		this.channel = channel;
		ConnectionSettings shared = settings.connection();
		Socket socket = channel.socket();
		this.session = new ConnectionSession(shared, settings.collaborators(), getConnectionId(),
				(InetSocketAddress) socket.getRemoteSocketAddress(),
				(InetSocketAddress) socket.getLocalSocketAddress());
		this.encoder = shared.encoder();
		this.wireLog = settings.collaborators().wireLog();
		this.loop = loop;
		this.outbound = new OutboundQueue(this, channel, settings, loop);
		this.tls = (shared.tls() != null) ? newTlsSession(shared, socket) : null;
		this.inbound = new InboundReader(this, channel, settings, this.outbound, this.tls);
		this.session.register(this);
		if (this.session.isRefused()) {
			refuse();
		}
	}

	/** Have the loop register the channel and start reading. */
	void start() {
		this.loop.execute(() -> this.loop.register(this));
	}

	SocketChannel channel() {
		return this.channel;
	}

	/** Registered with the loop's selector; loop thread. */
	void registered(SelectionKey selectionKey) {
		this.key = selectionKey;
		if (!isOpen()) {
			selectionKey.cancel();
		}
	}

	@Override
	public void readPacket() {
		// reads are the event loop's: see readable()
	}

	/** The socket has bytes (or its end) to read; loop thread. */
	void readable() {
		if (!this.session.isServable(this)) {
			return;
		}
		if (this.session.requests().closeWhenDone() != null) {
			// the closed input stays readable: look again later rather than spin, until
			// the replies are out
			closeIfDone();
			if (isOpen()) {
				pauseReading();
			}
			return;
		}
		if (this.inbound.shouldPause()) {
			pauseReading();
			return;
		}
		this.reading = true;
		try {
			this.inbound.read();
		}
		finally {
			this.reading = false;
		}
		if (this.inbound.inputEnded()) {
			closeAfterFlush(CloseReason.CLIENT);
		}
	}

	/** The socket can take more bytes; loop thread. */
	void writable() {
		this.outbound.writable();
		resumeIfDrained();
	}

	/**
	 * A client that had stopped reading its replies reads again: when it was that which
	 * paused its reads, read again now rather than after the read delay, so a client that
	 * catches up is served at its own pace, not at one queue's worth per delay. Whatever
	 * else paused them is checked again, as before any read.
	 */
	private void resumeIfDrained() {
		if (this.readPaused && this.session.requests().closeWhenDone() == null && !this.inbound.shouldPause()) {
			resumeReading();
		}
	}

	/** Leave the bytes in the socket and look again after the read delay; loop thread. */
	private void pauseReading() {
		if (this.readPaused) {
			return;
		}
		this.readPaused = true;
		updateInterest();
		if (!this.awaitingReadDelay) {
			this.awaitingReadDelay = true;
			this.loop.pause(this);
		}
	}

	/** The read delay is over; loop thread. */
	void readDelayOver() {
		this.awaitingReadDelay = false;
		resumeReading();
	}

	/** Read again when there is something; loop thread. */
	private void resumeReading() {
		this.readPaused = false;
		updateInterest();
	}

	void pausedAt(long nanos) {
		this.pausedAt = nanos;
	}

	long pausedAt() {
		return this.pausedAt;
	}

	/** Wait for the socket to take more bytes, or stop waiting; loop thread. */
	void writeInterest(boolean interested) {
		if (this.writeInterest != interested) {
			this.writeInterest = interested;
			updateInterest();
		}
	}

	private void updateInterest() {
		SelectionKey current = this.key;
		if (current != null) {
			Interest.set(current,
					(this.readPaused ? 0 : SelectionKey.OP_READ) | (this.writeInterest ? SelectionKey.OP_WRITE : 0));
		}
	}

	@Override
	public void run() {
		// Frames are decoded by the read task itself: no assembler threads.
	}

	@Override
	public void send(Message<?> message) {
		sendReply(ReplyPayload.bytes(message));
	}

	@Override
	public void sendReply(byte[] payload) {
		// on the loop a plain reply is framed under the lock: into the read batch's
		// buffer when the batch can take it
		boolean plainOnLoop = this.tls == null && !this.wireLog.isEnabled() && this.loop.inLoop();
		ByteBuffer frame = plainOnLoop ? null : frame(payload);
		this.outbound.lock().lock();
		try {
			if (!isOpen()) {
				throw new MessagingException("Connection " + getConnectionId() + " is closed");
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
			this.wireLog.write(getConnectionId(), frame);
		}
		return frame;
	}

	@Override
	public void heartbeatIfDue(Heartbeat heartbeat, long now) {
		if (this.tls == null || this.tls.isHandshakeDone()) {
			heartbeat.sendIfDue(this, now);
		}
	}

	@Override
	public void closeIfDone() {
		this.outbound.lock().lock();
		try {
			if (isOpen() && (this.session.requests().inFlight() > 0 || !this.outbound.isEmpty())) {
				return;
			}
			closeFor(this.session.requests().closeWhenDone());
		}
		finally {
			this.outbound.lock().unlock();
		}
	}

	@Override
	public void closeNow() {
		closeConnection(true);
	}

	@Override
	public void close() {
		sendCloseNotify();
		super.close();
		this.outbound.clear();
		this.session.release(this);
		if (!this.loop.inLoop() && !this.closeHandedOver) {
			// the socket is closed already; the loop's next select lets go of its key
			this.closeHandedOver = true;
			this.loop.execute(this::cancelKey);
		}
	}

	private void cancelKey() {
		if (this.key != null) {
			this.key.cancel();
		}
	}

	/**
	 * Tell a TLS peer the stream ends here, so it can tell a close from a truncation;
	 * best effort.
	 */
	private void sendCloseNotify() {
		if (this.tls == null || !this.tls.isHandshakeDone() || !isOpen()) {
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

	/** Over a connection limit: end the connection as soon as the selector sees it. */
	private void refuse() {
		try {
			this.channel.shutdownOutput();
			// makes the channel readable at once, so the selector hands it to readPacket
			// to be closed
			this.channel.shutdownInput();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	private TlsSession newTlsSession(ConnectionSettings shared, Socket socket) {
		try {
			return shared.tls()
				.newSession(socket.getInetAddress().getHostAddress(), socket.getPort(), this.outbound.lock());
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot start TLS", ex);
		}
	}

	@Override
	public ConnectionSession session() {
		return this.session;
	}

	@Override
	public long pendingBytes() {
		return this.outbound.pendingBytes();
	}

	@Override
	public long writeStalledNanos(long now) {
		return this.outbound.stalledNanos(now);
	}

	@Override
	public boolean isBusy() {
		return this.reading || this.session.requests().inFlight() > 0;
	}

	@Override
	public long handshakeStartedNanos() {
		return (this.tls != null && !this.tls.isHandshakeDone()) ? this.tls.startedNanos() : 0;
	}

	/**
	 * The client's address: behind a load balancer, the one its PROXY header reported.
	 */
	@Override
	public String getHostAddress() {
		// null while Spring Integration's constructor runs
		return (this.session != null) ? this.session.clientHostAddress() : super.getHostAddress();
	}

	@Override
	public String getHostName() {
		return getHostAddress();
	}

	/** The client's port: behind a load balancer, the one its PROXY header reported. */
	@Override
	public int getPort() {
		return (this.session != null) ? this.session.client().getPort() : super.getPort();
	}

}
