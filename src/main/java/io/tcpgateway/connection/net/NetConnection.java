package io.tcpgateway.connection.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.connection.Heartbeat;
import io.tcpgateway.connection.IncompleteFrame;
import io.tcpgateway.connection.ReadGate;
import io.tcpgateway.connection.ReplyPayload;
import io.tcpgateway.connection.RequestTracker;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.limits.PauseRule;
import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.limits.ReadThrottle;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.proxy.ProxyHeader;
import io.tcpgateway.proxy.ProxyPreamble;
import io.tcpgateway.proxy.ProxyProtocolException;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A blocking connection with a thread of its own ({@code io-mode: net}), decoding with
 * the same frame decoders, limits and error handling as the NIO path.
 *
 * <p>
 * Its thread reads, dispatches each frame as it is decoded and writes the replies before
 * reading on, so a client that does not read blocks only its own thread; a reply that
 * cannot be written within the write timeout closes the connection.
 *
 * <p>
 * Replies are framed into one buffer and written straight to the socket: Spring
 * Integration's {@code TcpNetConnection} would write through a buffer as large as the
 * socket's send buffer (megabytes on loopback) for every connection, so a connection
 * holds only its 8 KB read buffer and the frame being handled.
 */
final class NetConnection extends TcpNetConnection implements Connection {

	/** The longest a paused connection waits before it looks again whether it is open. */
	private static final long MAX_TOKEN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** Failures that end a reading thread, across connections: one a minute is logged. */
	private static final RateLimitedLog readFailures = new RateLimitedLog(LogFactory.getLog(NetConnection.class));

	private final Socket socket;

	private final ConnectionSession session;

	private final FrameDecoder decoder;

	private final Consumer<byte[]> frames = this::dispatch;

	private final byte[] readBuffer = new byte[8192];

	private final IncompleteFrame incompleteFrame;

	private final FrameEncoder encoder;

	/** Holds reads to the rate limits, or {@code null} when there are none. */
	private final ReadThrottle throttle;

	/** Written when the connection is quiet, or {@code null} when off. */
	private final Heartbeat heartbeat;

	private final WireLog wireLog;

	/** Requests open at the backend, every connection together. */
	private final ReadGate readGate;

	/** Keeps replies from several threads (a push, the handler) whole on the wire. */
	private final Lock sendLock = new ReentrantLock();

	/**
	 * Stops reading while too many requests are in flight; only the connection's thread
	 * touches this.
	 */
	private final PauseRule inFlightPause;

	/**
	 * {@link System#nanoTime()} when the reply being written started, 0 when not writing.
	 */
	private volatile long sendingSinceNanos;

	private volatile boolean dispatching;

	/**
	 * Frames dispatched from the current read; only the connection's thread touches this.
	 */
	private int framesThisRead;

	NetConnection(Socket socket, ApplicationEventPublisher publisher, String factoryName, ConnectionSettings settings,
			ConnectionCollaborators collaborators) {
		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.session = new ConnectionSession(settings, collaborators, getConnectionId(),
				(InetSocketAddress) socket.getRemoteSocketAddress(),
				(InetSocketAddress) socket.getLocalSocketAddress());
		this.decoder = settings.newDecoder();
		this.encoder = settings.encoder();
		this.throttle = this.session.throttle();
		this.heartbeat = settings.heartbeat();
		this.wireLog = collaborators.wireLog();
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
		if (this.session.pendingProxyHeader() != null && !readProxyHeader()) {
			return;
		}
		if (this.socket instanceof SSLSocket sslSocket && !handshake(sslSocket)) {
			return;
		}
		publishConnectionOpenEvent();
		try {
			readUntilEnd();
			// half-closed: the replies still owed are sent before the connection closes
			closeAfterFlush(CloseReason.CLIENT);
			awaitClosed();
		}
		catch (IOException ex) {
			readFailed(ex);
		}
		catch (Throwable ex) {
			// an error too: the thread ends here, and the connection must not outlive it
			FatalErrors.rethrowIfFatal(ex);
			readFailures.error((count) -> "Closing connection " + getConnectionId() + ": reading failed"
					+ RateLimitedLog.andLikeIt(count), ex);
			closeFor(CloseReason.ERROR);
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
			this.framesThisRead = 0;
			try {
				if (read < 0) {
					this.decoder.endOfStream(this.frames);
					return;
				}
				ByteBuffer bytes = ByteBuffer.wrap(this.readBuffer, 0, read);
				if (this.wireLog.isEnabled()) {
					this.wireLog.read(getConnectionId(), bytes);
				}
				this.decoder.decode(bytes, this.frames);
			}
			finally {
				this.session.traffic().received(this.framesThisRead, Math.max(read, 0));
				this.incompleteFrame.afterRead(this.decoder.retainedBytes(), this.framesThisRead);
				if (this.throttle != null) {
					this.throttle.afterRead(this.framesThisRead, Math.max(read, 0));
				}
			}
		}
	}

	/**
	 * Read what the client sends; with heartbeats on, the read waits no longer than until
	 * the next heartbeat is due, and this thread writes it, as it writes its replies.
	 */
	private int read(InputStream input, int limit) throws IOException {
		if (this.heartbeat == null) {
			return input.read(this.readBuffer, 0, limit);
		}
		while (true) {
			long due = this.heartbeat.nanosUntilDue(this.session, System.nanoTime());
			if (due <= 0) {
				if (this.heartbeat.sendIfDue(this, System.nanoTime())) {
					continue;
				}
				// not sent (closing): look again an interval later
				due = this.heartbeat.interval().toNanos();
			}
			this.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(due)));
			try {
				return input.read(this.readBuffer, 0, limit);
			}
			catch (SocketTimeoutException ex) {
				// quiet for the interval: the heartbeat is due
			}
		}
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

	private void dispatch(byte[] frame) {
		this.framesThisRead++;
		this.dispatching = true;
		try {
			this.session.dispatch(this, frame);
		}
		finally {
			this.dispatching = false;
		}
	}

	private void readFailed(IOException ex) {
		if (this.session.isClosing()) {
			// closed by the gateway (a timeout, the drain): the failed read is only the
			// consequence
			closeNow();
		}
		else if (ex instanceof FrameDecodingException frameError) {
			closeFor(this.session.errors().frameRejected(this, frameError));
		}
		else {
			closeFor(this.session.errors().readFailed(this, ex, this.decoder.bufferedBytes()));
		}
	}

	/**
	 * Read the PROXY protocol header, byte by byte so as not to read past it, bounded by
	 * its timeout.
	 */
	private boolean readProxyHeader() {
		Duration timeout = this.session.settings().proxy().headerTimeout();
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			ProxyHeader decoded = ProxyPreamble.readFrom(inputStream(), this.session.pendingProxyHeader());
			this.socket.setSoTimeout(0);
			CloseReason refused = this.session.proxyHeaderRead(decoded);
			if (refused != null) {
				closeFor(refused);
				return false;
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			closeFor(this.session.errors()
				.proxyRejected(this, "no PROXY protocol header within " + timeout.toMillis()
						+ " ms (tcp-gateway.proxy-protocol.header-timeout)"));
		}
		catch (ProxyProtocolException ex) {
			closeFor(this.session.errors().proxyRejected(this, ex.getMessage()));
		}
		catch (IOException ex) {
			closeFor(CloseReason.CLIENT);
		}
		return false;
	}

	/** Complete the TLS handshake up front, bounded by the handshake timeout. */
	private boolean handshake(SSLSocket sslSocket) {
		try {
			sslSocket.setSoTimeout((int) this.session.settings().tls().handshakeTimeout().toMillis());
			sslSocket.startHandshake();
			sslSocket.setSoTimeout(0);
			return true;
		}
		catch (IOException ex) {
			closeFor(this.session.errors().tlsFailed(this, ex));
			return false;
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
			closeFor(CloseReason.SHUTDOWN);
		}
	}

	@Override
	public void send(Message<?> message) {
		sendReply(ReplyPayload.bytes(message));
	}

	@Override
	public void sendReply(byte[] payload) {
		ByteBuffer frame = this.encoder.encode(payload);
		if (this.wireLog.isEnabled()) {
			this.wireLog.write(getConnectionId(), frame);
		}
		this.sendLock.lock();
		this.sendingSinceNanos = System.nanoTime();
		try {
			this.socket.getOutputStream()
				.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
			this.session.traffic().sent(1, frame.remaining());
		}
		catch (IOException ex) {
			if (isOpen() && !this.session.isClosing()) {
				closeFor(CloseReason.CLIENT);
				throw new MessagingException("Failed to write a reply to connection " + getConnectionId(), ex);
			}
			// closed under the reply (client gone, or timed out): nobody is left to
			// receive it
			logger.debug("Dropped a reply to closed connection " + getConnectionId() + ": " + ex.getMessage());
		}
		finally {
			this.sendingSinceNanos = 0;
			this.sendLock.unlock();
		}
	}

	@Override
	public void closeIfDone() {
		if (this.session.requests().inFlight() == 0) {
			closeFor(this.session.requests().closeWhenDone());
		}
	}

	@Override
	public void closeNow() {
		closeConnection(true);
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
	public long pendingBytes() {
		return 0;
	}

	@Override
	public long writeStalledNanos(long now) {
		long since = this.sendingSinceNanos;
		return (since != 0) ? now - since : 0;
	}

	@Override
	public boolean isBusy() {
		return this.dispatching || this.sendingSinceNanos != 0 || this.session.requests().inFlight() > 0;
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
