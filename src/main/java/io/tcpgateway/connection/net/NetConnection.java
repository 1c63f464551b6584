package io.tcpgateway.connection.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionReadGate;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.connection.ReplyPayload;
import io.tcpgateway.limits.RateLimitedLog;
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

	/** Failures that end a reading thread, across connections: one a minute is logged. */
	private static final RateLimitedLog readFailures = new RateLimitedLog(LogFactory.getLog(NetConnection.class));

	private final Socket socket;

	private final ConnectionSession session;

	/** Decodes and dispatches what is read. */
	private final NetFrameReader frameReader;

	private final byte[] readBuffer = new byte[8192];

	/**
	 * Reads that write the heartbeats falling due, or {@code null} when those are off.
	 */
	private final HeartbeatReads heartbeatReads;

	/** Writes the replies. */
	private final NetReplyWriter replies;

	/** Reads the PROXY header and completes the TLS handshake. */
	private final NetPreamble preamble;

	/** Every reason not to read the connection now; only its thread asks. */
	private final ConnectionReadGate readGate;

	/** Whether the connection is open, for the waits on the read gate. */
	private final BooleanSupplier open = this::isOpen;

	NetConnection(Socket socket, ApplicationEventPublisher publisher, String factoryName, ConnectionSettings settings,
			ConnectionCollaborators collaborators) {
		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.session = new ConnectionSession(settings, collaborators, getConnectionId(),
				(InetSocketAddress) socket.getRemoteSocketAddress(),
				(InetSocketAddress) socket.getLocalSocketAddress());
		this.heartbeatReads = (settings.heartbeat() != null)
				? new HeartbeatReads(this, socket, this.session, settings.heartbeat()) : null;
		this.frameReader = new NetFrameReader(this, this.session, settings.newDecoder(), collaborators.wireLog());
		this.replies = new NetReplyWriter(this, socket, this.session, settings.encoder(), collaborators.wireLog());
		this.preamble = new NetPreamble(this, socket, this.session);
		this.readGate = this.session.readGate();
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
			awaitReadGate();
			int read = read(input, this.readGate.readLimit(this.readBuffer.length));
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

	/**
	 * Backpressure: while the read gate is shut for any of its reasons (too many requests
	 * open, the handler pool full, a feature's gate, a memory budget, the rate), read
	 * nothing, so TCP flow control slows the client down; look again whether the
	 * connection is open at least every tenth of a second.
	 */
	private void awaitReadGate() throws InterruptedIOException {
		ConnectionReadGate.Reason shut = null;
		try {
			while (isOpen() && (shut = this.readGate.shutBy(0)) != null) {
				this.readGate.await(shut, this.open);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted waiting to read: " + shut);
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
