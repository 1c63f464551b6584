package io.tcpgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.proxy.ProxyHeader;
import io.tcpgateway.proxy.ProxyProtocolDecoder;
import io.tcpgateway.proxy.ProxyProtocolException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;

/**
 * A blocking connection with a thread of its own ({@code io-mode: net}), decoding with the same frame
 * decoders, limits and error handling as the NIO path.
 *
 * <p>Its thread reads, dispatches and writes the replies before reading on, so a client that does not
 * read blocks only its own thread; a reply that cannot be written within the write timeout closes the
 * connection.
 */
class GatewayNetConnection extends TcpNetConnection implements GatewayConnection {

	private final ConnectionResources resources;

	private final Socket socket;

	private final FrameDecoder decoder;

	private final ArrayDeque<byte[]> decodedFrames = new ArrayDeque<>();

	private final byte[] readBuffer = new byte[8192];

	private final ConnectionSession session;

	/** {@link System#nanoTime()} when the reply being written started, 0 when not writing. */
	private volatile long sendingSinceNanos;

	private volatile boolean dispatching;

	/** Requests dispatched whose replies are not all sent yet; guarded by {@link #inFlightMonitor}. */
	private int requestsInFlight;

	private final Object inFlightMonitor = new Object();

	/** Close once no request is open: the application asked, or the peer half-closed. */
	private volatile CloseReason closeWhenDone;

	GatewayNetConnection(Socket socket, ApplicationEventPublisher publisher, String factoryName,
			ConnectionResources resources) {
		super(socket, true, false, publisher, factoryName);
		this.resources = resources;
		this.socket = socket;
		this.decoder = resources.newDecoder();
		this.session = new ConnectionSession(resources, (InetSocketAddress) socket.getRemoteSocketAddress());
		this.session.register(this);
	}

	@Override
	public void run() {
		if (!this.session.isAdmitted()) {
			closeFor(CloseReason.LIMIT);
			return;
		}
		if (!this.session.isTrustedPeer()) {
			closeFor(this.session.proxyRejected("not a trusted proxy (tcp-gateway.proxy-protocol.trusted-proxies)"));
			return;
		}
		if (this.session.pendingProxyHeader() != null && !readProxyHeader()) {
			return;
		}
		if (this.socket instanceof SSLSocket sslSocket && !handshake(sslSocket)) {
			return;
		}
		super.run();
	}

	/** Read the PROXY protocol header, byte by byte so as not to read past it, bounded by its timeout. */
	private boolean readProxyHeader() {
		Duration timeout = this.resources.proxy().headerTimeout();
		byte[] header = new byte[ProxyProtocolDecoder.MAX_V2_LENGTH];
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			InputStream input = inputStream();
			ProxyHeader decoded = null;
			for (int length = 0; decoded == null; length++) {
				int next = (length < header.length) ? input.read() : -1;
				if (next < 0) {
					throw new ProxyProtocolException("stream ended before the PROXY protocol header was complete");
				}
				header[length] = (byte) next;
				decoded = this.session.pendingProxyHeader().decode(ByteBuffer.wrap(header, 0, length + 1));
			}
			this.socket.setSoTimeout(0);
			if (!this.session.proxyHeaderRead(decoded)) {
				closeFor(CloseReason.LIMIT);
				return false;
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			closeFor(this.session.proxyRejected("no PROXY protocol header within " + timeout.toMillis()
					+ " ms (tcp-gateway.proxy-protocol.header-timeout)"));
		}
		catch (ProxyProtocolException ex) {
			closeFor(this.session.proxyRejected(ex.getMessage()));
		}
		catch (IOException ex) {
			closeFor(CloseReason.CLIENT);
		}
		return false;
	}

	/** Complete the TLS handshake up front, bounded by the handshake timeout. */
	private boolean handshake(SSLSocket sslSocket) {
		try {
			sslSocket.setSoTimeout((int) this.resources.tls().handshakeTimeout().toMillis());
			sslSocket.startHandshake();
			sslSocket.setSoTimeout(0);
			return true;
		}
		catch (IOException ex) {
			closeFor(this.session.tlsFailed(remoteAddress(), ex));
			return false;
		}
	}

	/**
	 * The next decoded frame, reading from the socket (blocking) until one is complete.
	 */
	@Override
	public Object getPayload() {
		this.dispatching = false;
		try {
			InputStream input = inputStream();
			while (this.decodedFrames.isEmpty()) {
				awaitRequestCapacity();
				int read = input.read(this.readBuffer);
				if (read < 0) {
					this.decoder.endOfStream(this.decodedFrames::add);
					if (this.decodedFrames.isEmpty()) {
						throw new SoftEndOfStreamException("Stream closed between payloads");
					}
					break;
				}
				this.session.traffic().received(0, read);
				this.decoder.decode(ByteBuffer.wrap(this.readBuffer, 0, read), this.decodedFrames::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.dispatching = true;
		this.session.traffic().received(1, 0);
		return this.decodedFrames.poll();
	}

	/** Too many open requests: stop reading until half of them have completed. */
	private void awaitRequestCapacity() throws InterruptedIOException {
		int max = this.resources.maxRequestsInFlight();
		synchronized (this.inFlightMonitor) {
			if (this.requestsInFlight < max) {
				return;
			}
			while (this.requestsInFlight > max / 2 && isOpen()) {
				try {
					this.inFlightMonitor.wait(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("interrupted waiting for open requests");
				}
			}
		}
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Exception cause = (exception instanceof UncheckedIOException && exception.getCause() instanceof Exception ex)
				? ex : exception;
		if (cause instanceof SoftEndOfStreamException && !this.session.isClosing()) {
			// half-closed: the replies still owed are sent before the connection closes
			closeAfterFlush(CloseReason.CLIENT);
			awaitClosed();
			return true;
		}
		if (this.session.isClosing()) {
			// closed by the gateway (a timeout, the drain): the failed read is only the consequence
			closeConnection(true);
		}
		else if (cause instanceof FrameDecodingException frameError) {
			closeFor(this.session.frameRejected(remoteAddress(), frameError));
		}
		else {
			closeFor(this.session.readFailed(remoteAddress(), cause, this.decoder.bufferedBytes()));
		}
		return true;
	}

	@Override
	public void send(Message<?> message) {
		this.sendingSinceNanos = System.nanoTime();
		try {
			super.send(message);
			this.session.traffic().sent(1, (message.getPayload() instanceof byte[] bytes) ? bytes.length : 0);
		}
		catch (RuntimeException ex) {
			if (isOpen() && !this.session.isClosing()) {
				throw ex;
			}
			// closed under the reply (client gone, or timed out): nobody is left to receive it
			logger.debug("Dropped a reply to closed connection " + getConnectionId() + ": " + ex.getMessage());
		}
		finally {
			this.sendingSinceNanos = 0;
		}
	}

	@Override
	public InetAddress clientAddress() {
		return this.session.clientAddress();
	}

	@Override
	public Map<String, Object> inboundHeaders() {
		return this.session.inboundHeaders(this);
	}

	@Override
	public String remoteAddress() {
		return getHostAddress() + ":" + getPort();
	}

	/** The client's address: behind a load balancer, the one its PROXY header reported. */
	@Override
	public String getHostAddress() {
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

	@Override
	public long lastReceivedNanos() {
		return this.session.traffic().lastReceivedNanos();
	}

	@Override
	public ConnectionStats stats() {
		return this.session.traffic().snapshot(0);
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
		return this.dispatching || this.sendingSinceNanos != 0 || !this.decodedFrames.isEmpty() || inFlight() > 0;
	}

	@Override
	public InetSocketAddress remoteSocketAddress() {
		return this.session.client();
	}

	@Override
	public void requestStarted() {
		synchronized (this.inFlightMonitor) {
			this.requestsInFlight++;
		}
	}

	@Override
	public void requestFinished() {
		synchronized (this.inFlightMonitor) {
			this.requestsInFlight--;
			this.inFlightMonitor.notifyAll();
		}
		if (this.closeWhenDone != null) {
			closeIfDone();
		}
	}

	@Override
	public void closeAfterFlush(CloseReason reason) {
		if (this.closeWhenDone == null) {
			this.closeWhenDone = reason;
		}
		closeIfDone();
	}

	private void closeIfDone() {
		if (inFlight() == 0) {
			closeFor(this.closeWhenDone);
		}
	}

	private int inFlight() {
		synchronized (this.inFlightMonitor) {
			return this.requestsInFlight;
		}
	}

	/** Keep this connection's thread until the connection has closed. */
	private void awaitClosed() {
		synchronized (this.inFlightMonitor) {
			while (isOpen()) {
				try {
					this.inFlightMonitor.wait(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					closeFor(CloseReason.SHUTDOWN);
					return;
				}
			}
		}
	}

	@Override
	public void closeFor(CloseReason reason) {
		this.session.closingFor(reason);
		closeConnection(true);
	}

	@Override
	public void close() {
		super.close();
		this.session.release(this);
	}

}
