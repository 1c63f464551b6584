package io.tcpgateway.connection.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.connection.IncompleteFrame;
import io.tcpgateway.connection.ReadGate;
import io.tcpgateway.connection.ReplyPayload;
import io.tcpgateway.connection.RequestTracker;
import io.tcpgateway.limits.PauseRule;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.limits.ReadThrottle;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;

/**
 * A blocking connection with a thread of its own ({@code io-mode: net}), decoding with
 * the same frame decoders, limits and error handling as the NIO path.
 *
 * <p>
 * Its thread reads, dispatches each frame as it is decoded and writes the replies before
 * reading on, so a client that does not read blocks only its own thread; a reply that
 * cannot be written within the write timeout closes the connection.
 */
final class NetConnection extends TcpNetConnection implements Connection {

	/** The longest a paused connection waits before it looks again whether it is open. */
	private static final long MAX_TOKEN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** Failures that end a reading thread, across connections: one a minute is logged. */
	private static final RateLimitedLog readFailures = new RateLimitedLog(LogFactory.getLog(NetConnection.class));

	private final Socket socket;

	private final ConnectionSession session;

	/** Decodes and dispatches what is read. */
	private final NetFrameReader frameReader;

	private final byte[] readBuffer = new byte[8192];

	private final IncompleteFrame incompleteFrame;

	/** Holds reads to the rate limits, or {@code null} when there are none. */
	private final ReadThrottle throttle;

	/**
	 * Reads that write the heartbeats falling due, or {@code null} when those are off.
	 */
	private final HeartbeatReads heartbeatReads;

	/** Writes the replies. */
	private final NetReplyWriter replies;

	/** Reads the PROXY header and completes the TLS handshake. */
	private final NetPreamble preamble;

	/** Requests open at the backend, every connection together. */
	private final ReadGate readGate;

	/**
	 * Stops reading while too many requests are in flight; only the connection's thread
	 * touches this.
	 */
	private final PauseRule inFlightPause;

	NetConnection(Socket socket, ApplicationEventPublisher publisher, String factoryName, ConnectionSettings settings,
			ConnectionCollaborators collaborators) {
		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.session = new ConnectionSession(settings, collaborators, getConnectionId(),
				(InetSocketAddress) socket.getRemoteSocketAddress(),
				(InetSocketAddress) socket.getLocalSocketAddress());
		this.throttle = this.session.throttle();
		this.heartbeatReads = (settings.heartbeat() != null)
				? new HeartbeatReads(this, socket, this.session, settings.heartbeat()) : null;
		this.frameReader = new NetFrameReader(this, this.session, settings.newDecoder(), collaborators.wireLog());
		this.replies = new NetReplyWriter(this, socket, this.session, settings.encoder(), collaborators.wireLog());
		this.preamble = new NetPreamble(this, socket, this.session);
		this.incompleteFrame = this.session.incompleteFrame();
		this.inFlightPause = new PauseRule(settings.maxRequestsInFlight());
		this.readGate = collaborators.readGate();
		this.session.register(this);
	}

	@Override
	public void run() {
		if (!this.session.isServable(this)) {
			return;
		}
		if (this.session.pendingProxyHeader() != null && !this.preamble.readProxyHeader()) {
			return;
		}
		if (this.socket instanceof SSLSocket sslSocket && !this.preamble.handshake(sslSocket)) {
			return;
		}
		publishConnectionOpenEvent();
		try {
			readUntilEnd();
			// half-closed: the replies still owed are sent before the connection closes
			close(CloseReason.CLIENT, CloseMode.AFTER_FLUSH);
			awaitClosed();
		}
		catch (IOException ex) {
			this.frameReader.readFailed(ex);
		}
		catch (Throwable ex) {
			// an error too: the thread ends here, and the connection must not outlive it
			FatalErrors.rethrowIfFatal(ex);
			readFailures.error((count) -> "Closing connection " + getConnectionId() + ": reading failed"
					+ RateLimitedLog.andLikeIt(count), ex);
			close(CloseReason.ERROR, CloseMode.NOW);
		}
	}

	/** Read, decode and dispatch until the client has finished sending. */
	private void readUntilEnd() throws IOException {
		InputStream input = inputStream();
		while (true) {
			awaitRequestCapacity();
			awaitReadGate();
			awaitInboundRoom();
			awaitTokens();
			int limit = this.incompleteFrame.readLimit(this.readBuffer.length);
			int read = read(input, (this.throttle != null) ? this.throttle.readLimit(limit) : limit);
			if (!this.frameReader.decode(this.readBuffer, read)) {
				return;
			}
		}
	}

	/**
	 * Read what the client sends; with heartbeats on, the read waits no longer than until
	 * the next heartbeat is due.
	 */
	private int read(InputStream input, int limit) throws IOException {
		if (this.heartbeatReads == null) {
			return input.read(this.readBuffer, 0, limit);
		}
		return this.heartbeatReads.read(input, this.readBuffer, limit);
	}

	/** The client has used its message or byte rate: read nothing until it is back. */
	private void awaitTokens() throws InterruptedIOException {
		if (this.throttle == null) {
			return;
		}
		try {
			while (isOpen() && this.throttle.shouldPause()) {
				TimeUnit.NANOSECONDS.sleep(Math.min(this.throttle.nanosUntilReady(), MAX_TOKEN_WAIT_NANOS));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted waiting for the rate limit");
		}
	}

	/**
	 * The gateway holds its whole budget of incomplete frames and this connection holds
	 * one: read no more until there is room, or until the sweeper closes it.
	 */
	private void awaitInboundRoom() throws InterruptedIOException {
		try {
			while (isOpen() && this.incompleteFrame.shouldPause()) {
				this.incompleteFrame.awaitRoom(100, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted waiting for room for incomplete frames");
		}
	}

	/**
	 * A feature's read gate is shut (a backend holds as many requests as it may): read no
	 * more until it opens.
	 */
	private void awaitReadGate() throws InterruptedIOException {
		try {
			while (isOpen() && this.readGate.isShut()) {
				this.readGate.awaitOpen(100, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted waiting for the read gate to open");
		}
	}

	/**
	 * Too many open requests: stop reading until half of them have completed; or a
	 * request waits for room in the handler pool: stop reading until it has found some.
	 */
	private void awaitRequestCapacity() throws InterruptedIOException {
		RequestTracker requests = this.session.requests();
		if (!this.inFlightPause.shouldPause(requests.inFlight()) && !requests.readsHeld()) {
			return;
		}
		try {
			requests.awaitWhile(
					() -> isOpen() && (this.inFlightPause.shouldPause(requests.inFlight()) || requests.readsHeld()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted waiting for open requests");
		}
	}

	/** Keep this connection's thread until the connection has closed. */
	private void awaitClosed() {
		try {
			this.session.requests().awaitWhile(this::isOpen);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close(CloseReason.SHUTDOWN, CloseMode.NOW);
		}
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
	public void close(CloseReason reason, CloseMode mode) {
		this.session.closing(reason, mode);
		if (mode == CloseMode.NOW) {
			closeConnection(true);
		}
		else if (this.session.requests().inFlight() == 0) {
			// replies are written by the thread that makes them: none is left to write
			close(this.session.requests().closeWhenDone(), CloseMode.NOW);
		}
	}

	@Override
	public void close() {
		super.close();
		this.session.release(this);
	}

	@Override
	public ConnectionSession session() {
		return this.session;
	}

	@Override
	public long writeStalledNanos(long now) {
		return this.replies.stalledNanos(now);
	}

	@Override
	public boolean isBusy() {
		return this.frameReader.isDispatching() || this.replies.isWriting() || this.session.requests().inFlight() > 0;
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
