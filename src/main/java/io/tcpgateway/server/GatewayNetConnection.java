package io.tcpgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;

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

	private final InetAddress clientAddress;

	private final boolean admitted;

	private final AtomicBoolean released = new AtomicBoolean();

	private final TrafficCounters traffic;

	/** {@link System#nanoTime()} when the reply being written started, 0 when not writing. */
	private volatile long sendingSinceNanos;

	private volatile boolean dispatching;

	private volatile CloseReason closeReason;

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
		this.traffic = new TrafficCounters(resources.connections().metrics());
		this.clientAddress = socket.getInetAddress();
		this.admitted = resources.connections().admit(this.clientAddress);
		if (this.admitted) {
			resources.connections().register(this);
		}
	}

	@Override
	public void run() {
		if (!this.admitted) {
			closeFor(CloseReason.LIMIT);
			return;
		}
		if (this.socket instanceof SSLSocket sslSocket && !handshake(sslSocket)) {
			return;
		}
		super.run();
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
			logger.warn("Closing connection from " + remoteAddress() + ": TLS failed: " + ex.getMessage());
			closeFor(CloseReason.TLS);
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
				this.traffic.received(0, read);
				this.decoder.decode(ByteBuffer.wrap(this.readBuffer, 0, read), this.decodedFrames::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.dispatching = true;
		this.traffic.received(1, 0);
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
		if (cause instanceof SoftEndOfStreamException && this.closeReason == null) {
			// half-closed: the replies still owed are sent before the connection closes
			closeAfterFlush(CloseReason.CLIENT);
			awaitClosed();
			return true;
		}
		if (this.closeReason != null) {
			logger.debug("Connection " + getConnectionId() + " closed (" + this.closeReason.tagValue() + ")");
			closeConnection(true);
		}
		else if (cause instanceof FrameDecodingException frameError) {
			logger.warn("Closing connection from " + remoteAddress() + ": " + frameError.getMessage());
			this.resources.connections().metrics().frameError(frameError.getReason());
			closeFor((frameError.getReason() == FrameDecodingException.Reason.OVERSIZE) ? CloseReason.OVERSIZE
					: CloseReason.DECODE_ERROR);
		}
		else if (this.decoder.bufferedBytes() > 0 && !(cause instanceof SoftEndOfStreamException)) {
			logger.warn("Closing connection from " + remoteAddress() + ": " + cause.getMessage() + " inside a frame ("
					+ this.decoder.bufferedBytes() + " bytes of an incomplete frame received)");
			this.resources.connections().metrics().frameError(FrameDecodingException.Reason.TRUNCATED);
			closeFor(CloseReason.DECODE_ERROR);
		}
		else {
			logger.debug("Closing connection " + getConnectionId() + ": " + cause);
			closeFor(CloseReason.CLIENT);
		}
		return true;
	}

	@Override
	public void send(Message<?> message) {
		this.sendingSinceNanos = System.nanoTime();
		try {
			super.send(message);
			this.traffic.sent(1, (message.getPayload() instanceof byte[] bytes) ? bytes.length : 0);
		}
		catch (RuntimeException ex) {
			if (isOpen() && this.closeReason == null) {
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
		return this.clientAddress;
	}

	@Override
	public String remoteAddress() {
		return getHostAddress() + ":" + getPort();
	}

	@Override
	public long lastReceivedNanos() {
		return this.traffic.lastReceivedNanos();
	}

	@Override
	public ConnectionStats stats() {
		return this.traffic.snapshot(0);
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
		return new InetSocketAddress(this.clientAddress, getPort());
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
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
		closeConnection(true);
	}

	@Override
	public void close() {
		super.close();
		if (this.admitted && this.released.compareAndSet(false, true)) {
			this.resources.connections().release(this, this.closeReason);
		}
	}

}
