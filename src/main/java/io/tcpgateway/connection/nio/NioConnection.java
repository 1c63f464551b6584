package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.Heartbeat;
import io.tcpgateway.connection.ReplyPayload;
import io.tcpgateway.tls.TlsSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;

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
 * set while the socket is full. Replies and closes from other threads are handed over.
 */
final class NioConnection extends TcpNioConnection implements Connection {

	private final SocketChannel channel;

	private final ConnectionSession session;

	private final OutboundQueue outbound;

	/** Frames, encrypts and queues the replies. */
	private final OutboundReplies replies;

	private final InboundReader inbound;

	/** The TLS layer, or {@code null} for plain TCP. */
	private final TlsSession tls;

	/** The loop that reads and writes for this connection, for its whole life. */
	private final EventLoop loop;

	/** What the connection asks of the loop's selector; loop thread only. */
	private final SelectionInterest interest = new SelectionInterest();

	/** Set while the loop reads and dispatches; read by any thread. */
	private volatile boolean reading;

	private final HandedOverClose handedOverClose = new HandedOverClose();

	NioConnection(SocketChannel channel, ApplicationEventPublisher publisher, String factoryName, NioSettings settings,
			EventLoop loop) {
		super(channel, true, false, publisher, factoryName);
		this.channel = channel;
		ConnectionSettings shared = settings.connection();
		Socket socket = channel.socket();
		this.session = new ConnectionSession(shared, settings.collaborators(), getConnectionId(),
				(InetSocketAddress) socket.getRemoteSocketAddress(),
				(InetSocketAddress) socket.getLocalSocketAddress());
		this.loop = loop;
		this.tls = settings.newTlsSession(socket);
		this.outbound = new OutboundQueue(this, channel, settings, loop, this.tls);
		this.replies = new OutboundReplies(this, channel, shared.encoder(), settings.collaborators().wireLog(),
				this.outbound, loop, this.tls);
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
		this.interest.registered(selectionKey, isOpen());
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
			close(CloseReason.CLIENT, CloseMode.AFTER_FLUSH);
		}
	}

	/**
	 * The socket can take more bytes; loop thread. A client that had stopped reading its
	 * replies reads again: when it was that which paused its reads, read again now rather
	 * than after the read delay, so a client that catches up is served at its own pace,
	 * not at one queue's worth per delay. Whatever else paused them is checked again, as
	 * before any read.
	 */
	void writable() {
		this.outbound.writable();
		if (this.interest.isReadPaused() && this.session.requests().closeWhenDone() == null
				&& !this.inbound.shouldPause()) {
			this.interest.resumeReading();
		}
	}

	/** Leave the bytes in the socket and look again after the read delay; loop thread. */
	private void pauseReading() {
		if (this.interest.pauseReading()) {
			this.loop.pause(this);
		}
	}

	/**
	 * @return what the connection asks of the loop's selector; loop thread only
	 */
	SelectionInterest interest() {
		return this.interest;
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
		this.replies.send(payload);
	}

	@Override
	public void heartbeatIfDue(Heartbeat heartbeat, long now) {
		if (this.tls == null || this.tls.isHandshakeDone()) {
			heartbeat.sendIfDue(this, now);
		}
	}

	@Override
	public void close(CloseReason reason, CloseMode mode) {
		this.session.closing(reason, mode);
		if (mode == CloseMode.NOW) {
			closeConnection(true);
		}
		else {
			closeIfDone();
		}
	}

	/**
	 * Once closing after the flush was asked for: close if every request is answered and
	 * every reply written.
	 */
	void closeIfDone() {
		if (isOpen() && (this.session.requests().inFlight() > 0 || this.replies.waiting())) {
			return;
		}
		close(this.session.requests().closeWhenDone(), CloseMode.NOW);
	}

	/**
	 * From another thread: handed over to the loop, which alone touches the write state
	 * (a TLS socket closes there too, after the close_notify the engine makes there).
	 */
	@Override
	public void close() {
		if (!this.loop.inLoop()) {
			this.handedOverClose.request(this.loop, this::close, super::close, this.tls);
			this.session.release(this);
			return;
		}
		this.replies.sendCloseNotify();
		super.close();
		this.outbound.clear();
		this.replies.dropHandedOver();
		releaseTls();
		this.session.release(this);
		this.interest.cancel();
	}

	/** Free the TLS engine on every close path (once): OpenSSL's holds native memory. */
	private void releaseTls() {
		if (this.tls != null) {
			this.tls.release();
		}
	}

	/** Open until closed, or until a close has been asked for on another thread. */
	@Override
	public boolean isOpen() {
		return !this.handedOverClose.isRequested() && super.isOpen();
	}

	/** Over a connection limit: end the connection as soon as the selector sees it. */
	private void refuse() {
		// never handshakes: the loop only closes it
		releaseTls();
		try {
			this.channel.shutdownOutput();
			// readable at once: the selector hands it to the loop to be closed
			this.channel.shutdownInput();
		}
		catch (IOException ex) {
			// closed already
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
