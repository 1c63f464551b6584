package io.tcpgateway.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLException;

import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.proxy.ProxyHeader;
import io.tcpgateway.proxy.ProxyProtocolException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * An NIO connection that decodes and writes without ever blocking a thread, and answers in order.
 *
 * <p>The stock {@link TcpNioConnection} pipes each read to "assembler" threads that block in a
 * deserializer; a second assembler may take the next frame of the same connection, so pipelined
 * requests are answered out of order, and a reply still being produced when the client half-closes is
 * dropped. Here the selector's read task (never run twice at once for one connection) reads what is
 * there, decodes every complete frame with a {@link FrameDecoder} and dispatches them one after the
 * other. Replies are queued and written with non-blocking gathering writes, all replies of one read
 * together; a socket that will not take more is handed to the {@link WritabilityWatcher}. Replies that
 * pile up past the limit pause reading (or close the connection), so memory stays bounded.
 */
class GatewayNioConnection extends TcpNioConnection implements GatewayConnection {

	/** Thrown to the selector loop to have it retry this read after its read delay. */
	private static final RejectedExecutionException RETRY_READ_LATER = new ReadPostponed();

	private static final int MAX_BUFFERS_PER_WRITE = 64;

	private final SocketChannel channel;

	private final ConnectionResources resources;

	private final FrameDecoder decoder;

	private final ConnectionSession session;

	/** The TLS layer, or {@code null} for plain TCP. */
	private final TlsSession tls;

	private final TlsSession.Sink tlsSink = new TlsSink();

	private final Lock writeLock = new ReentrantLock();

	private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();

	private final ByteBuffer[] gatheringBuffers = new ByteBuffer[MAX_BUFFERS_PER_WRITE];

	/** Reply bytes queued and not yet written; written under the write lock, read without it. */
	private volatile long pendingBytes;

	/** When queued replies last made progress (or started waiting); under the write lock. */
	private volatile long lastWriteProgressNanos;

	/** Frames dispatched by the current read; only the read task touches this. */
	private int framesThisRead;

	/** Replies queued since the last write was counted; under the write lock. */
	private int uncountedReplies;

	private volatile boolean reading;

	/** Requests dispatched whose replies are not all sent yet (asynchronous handlers). */
	private final AtomicInteger requestsInFlight = new AtomicInteger();

	/** Set once the connection is to close after its owed replies: the peer half-closed, or the application asked. */
	private volatile CloseReason closeWhenDone;

	/** Set while the read task dispatches a batch of frames: their replies are written together. */
	private boolean batching;

	private boolean awaitingWritable;

	/** Reading stopped until the pending replies drain; only the read task touches this. */
	private boolean backpressured;

	/** Reading stopped until open requests complete; only the read task touches this. */
	private boolean tooManyInFlight;

	/** The peer has shut down its sending side; only the read task touches this. */
	private boolean inputEnded;

	/** The first bytes, while the PROXY protocol header is incomplete; only the read task touches this. */
	private ByteBuffer proxyPreamble;

	/** The frame being turned into a message; only the read task touches this. */
	private byte[] currentFrame;

	GatewayNioConnection(SocketChannel channel, ApplicationEventPublisher publisher, String factoryName,
			ConnectionResources resources) {
		super(channel, true, false, publisher, factoryName);
		this.channel = channel;
		this.resources = resources;
		this.decoder = resources.newDecoder();
		this.session = new ConnectionSession(resources, (InetSocketAddress) channel.socket().getRemoteSocketAddress());
		this.tls = (resources.tls() != null) ? newTlsSession(resources.tls(), channel, this.writeLock) : null;
		this.session.register(this);
		if (!this.session.isAdmitted() || !this.session.isTrustedPeer()) {
			refuse();
		}
	}

	@Override
	public void readPacket() {
		if (!this.session.isAdmitted()) {
			closeFor(CloseReason.LIMIT);
			return;
		}
		if (!this.session.isTrustedPeer()) {
			closeFor(this.session.proxyRejected("not a trusted proxy (tcp-gateway.proxy-protocol.trusted-proxies)"));
			return;
		}
		if (this.closeWhenDone != null) {
			// the closed input stays readable: look again later rather than spin, until the replies are out
			if (!closeIfDone()) {
				throw RETRY_READ_LATER;
			}
			return;
		}
		if (shouldPauseReading()) {
			throw RETRY_READ_LATER;
		}
		this.reading = true;
		try {
			readAndDispatch();
		}
		finally {
			this.reading = false;
		}
		if (this.inputEnded) {
			if (this.closeWhenDone == null) {
				this.closeWhenDone = CloseReason.CLIENT;
			}
			closeIfDone();
		}
	}

	private void readAndDispatch() {
		try {
			ByteBuffer buffer = this.resources.readBuffers().get();
			int read = this.channel.read(buffer);
			this.framesThisRead = 0;
			beginBatch();
			try {
				if (read > 0) {
					buffer.flip();
					ByteBuffer data = (this.session.pendingProxyHeader() != null) ? readProxyHeader(buffer) : buffer;
					if (data == null || !data.hasRemaining()) {
						// the header is not complete yet, or the connection was refused
					}
					else if (this.tls == null) {
						this.decoder.decode(data, this::dispatch);
					}
					else {
						this.tls.unwrap(data, this.tlsSink);
						if (this.tls.isInboundClosed()) {
							this.inputEnded = true;
							this.decoder.endOfStream(this::dispatch);
						}
					}
				}
				else if (read < 0) {
					this.inputEnded = true;
					this.decoder.endOfStream(this::dispatch);
				}
			}
			finally {
				this.session.traffic().received(this.framesThisRead, Math.max(read, 0));
				endBatch();
			}
		}
		catch (FrameDecodingException ex) {
			closeFor(this.session.frameRejected(remoteAddress(), ex));
		}
		catch (ProxyProtocolException ex) {
			closeFor(this.session.proxyRejected(ex.getMessage()));
		}
		catch (SSLException ex) {
			closeFor(this.session.tlsFailed(remoteAddress(), ex));
		}
		catch (IOException ex) {
			closeFor(this.session.isClosing() ? CloseReason.CLIENT
					: this.session.readFailed(remoteAddress(), ex, this.decoder.bufferedBytes()));
		}
	}

	/**
	 * Read the PROXY protocol header ahead of the stream; the first bytes are kept until it is complete.
	 * @return the bytes after the header, or {@code null} while it is incomplete or when the client is refused
	 */
	private ByteBuffer readProxyHeader(ByteBuffer buffer) throws ProxyProtocolException {
		ByteBuffer source = buffer;
		if (this.proxyPreamble != null) {
			source = ByteBuffer.allocate(this.proxyPreamble.remaining() + buffer.remaining());
			source.put(this.proxyPreamble).put(buffer).flip();
		}
		ProxyHeader header = this.session.pendingProxyHeader().decode(source);
		if (header == null) {
			// at most one header's worth: longer input is either complete or rejected by the decoder
			this.proxyPreamble = ByteBuffer.allocate(source.remaining()).put(source).flip();
			return null;
		}
		this.proxyPreamble = null;
		source.position(source.position() + header.length());
		if (!this.session.proxyHeaderRead(header)) {
			closeFor(CloseReason.LIMIT);
			return null;
		}
		return source;
	}

	/**
	 * Backpressure: while too many reply bytes wait, leave the requests in the socket, so TCP flow
	 * control slows the client down instead of the gateway buffering without bound.
	 */
	private boolean shouldPauseReading() {
		int inFlight = this.requestsInFlight.get();
		int maxInFlight = this.resources.maxRequestsInFlight();
		this.tooManyInFlight = this.tooManyInFlight ? inFlight > maxInFlight / 2 : inFlight >= maxInFlight;
		if (this.tooManyInFlight) {
			return true;
		}
		if (this.resources.slowConsumerPolicy() != SlowConsumerPolicy.BACKPRESSURE) {
			return false;
		}
		long pending = this.pendingBytes;
		if (this.backpressured) {
			this.backpressured = pending > this.resources.maxPendingBytes() / 2;
		}
		else {
			this.backpressured = pending >= this.resources.maxPendingBytes();
		}
		return this.backpressured;
	}

	private void dispatch(byte[] frame) {
		if (!isOpen() || (this.closeWhenDone != null && !this.inputEnded)) {
			return;
		}
		this.framesThisRead++;
		this.currentFrame = frame;
		Message<?> message;
		try {
			message = getMapper().toMessage(this);
		}
		finally {
			this.currentFrame = null;
		}
		TcpListener listener = getListener();
		if (message == null || listener == null) {
			return;
		}
		try {
			listener.onMessage(message);
		}
		catch (RuntimeException ex) {
			if (isOpen()) {
				logger.error("Closing connection " + getConnectionId() + ": the flow failed to handle a message", ex);
				closeFor(CloseReason.ERROR);
			}
			else {
				logger.debug("Connection " + getConnectionId() + " closed while handling a message: " + ex);
			}
		}
	}

	@Override
	public Object getPayload() {
		return this.currentFrame;
	}

	@Override
	public void run() {
		// Frames are decoded by the read task itself: no assembler threads.
	}

	@Override
	@SuppressWarnings("unchecked")
	public void send(Message<?> message) {
		Object payload = getMapper().fromMessage(message);
		if (!(payload instanceof byte[] bytes)) {
			throw new MessagingException(message, "Cannot send a payload of type "
					+ ((payload != null) ? payload.getClass().getName() : "null") + "; expected byte[] or String");
		}
		FrameBuffer frame = new FrameBuffer(bytes.length + 8);
		try {
			((Serializer<byte[]>) getSerializer()).serialize(bytes, frame);
		}
		catch (IOException ex) {
			throw new MessagingException(message, "Failed to frame a reply", ex);
		}
		this.writeLock.lock();
		try {
			if (!isOpen()) {
				throw new MessagingException(message, "Connection " + getConnectionId() + " is closed");
			}
			if (this.tls == null) {
				enqueue(frame.asByteBuffer());
			}
			else {
				this.tls.wrap(frame.asByteBuffer()).forEach(this::enqueue);
			}
			this.uncountedReplies++;
			flushUnlessHeld();
		}
		catch (SSLException ex) {
			throw new MessagingException(message, "Failed to encrypt a reply", ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/** Queue bytes to write (a framed reply, or TLS records); write lock held. */
	private void enqueue(ByteBuffer bytes) {
		if (this.pendingWrites.isEmpty()) {
			this.lastWriteProgressNanos = System.nanoTime();
		}
		this.pendingWrites.add(bytes);
		this.pendingBytes += bytes.remaining();
	}

	/** Write what is queued, unless a read batch or a full socket holds it back; write lock held. */
	private void flushUnlessHeld() {
		if (isOpen() && !exceedsPendingLimit() && !this.batching && !this.awaitingWritable) {
			flush();
		}
	}

	private boolean exceedsPendingLimit() {
		long limit = (this.resources.slowConsumerPolicy() == SlowConsumerPolicy.CLOSE)
				? this.resources.maxPendingBytes() : this.resources.hardPendingLimit();
		if (this.pendingBytes <= limit) {
			return false;
		}
		logger.warn("Closing connection from " + remoteAddress() + ": " + this.pendingBytes
				+ " reply bytes waiting exceed the limit (" + limit + "); the client does not read its replies");
		closeFor(CloseReason.SLOW_CONSUMER);
		return true;
	}

	/**
	 * Called by the {@link WritabilityWatcher} when the socket can take more bytes.
	 */
	void onWritable() {
		this.writeLock.lock();
		try {
			this.awaitingWritable = false;
			flush();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	SocketChannel channel() {
		return this.channel;
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
	public long proxyHeaderPendingSince() {
		return this.session.proxyHeaderPendingSince();
	}

	@Override
	public long lastReceivedNanos() {
		return this.session.traffic().lastReceivedNanos();
	}

	@Override
	public ConnectionStats stats() {
		return this.session.traffic().snapshot(this.pendingBytes);
	}

	@Override
	public long pendingBytes() {
		return this.pendingBytes;
	}

	@Override
	public long writeStalledNanos(long now) {
		return (this.pendingBytes > 0) ? now - this.lastWriteProgressNanos : 0;
	}

	@Override
	public boolean isBusy() {
		return this.reading || this.requestsInFlight.get() > 0;
	}

	@Override
	public InetSocketAddress remoteSocketAddress() {
		return this.session.client();
	}

	@Override
	public void requestStarted() {
		this.requestsInFlight.incrementAndGet();
	}

	@Override
	public void requestFinished() {
		if (this.requestsInFlight.decrementAndGet() == 0 && this.closeWhenDone != null) {
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

	@Override
	public long handshakeStartedNanos() {
		return (this.tls != null && !this.tls.isHandshakeDone()) ? this.tls.startedNanos() : 0;
	}

	@Override
	public void closeFor(CloseReason reason) {
		this.session.closingFor(reason);
		closeConnection(true);
	}

	@Override
	public void close() {
		sendCloseNotify();
		super.close();
		this.writeLock.lock();
		try {
			this.pendingWrites.clear();
			this.pendingBytes = 0;
		}
		finally {
			this.writeLock.unlock();
		}
		this.session.release(this);
	}

	/** Tell a TLS peer the stream ends here, so it can tell a close from a truncation; best effort. */
	private void sendCloseNotify() {
		if (this.tls == null || !this.tls.isHandshakeDone() || !isOpen()) {
			return;
		}
		this.writeLock.lock();
		try {
			for (ByteBuffer record : this.tls.closeOutbound()) {
				this.channel.write(record);
			}
		}
		catch (IOException ex) {
			// the peer is gone already
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private static TlsSession newTlsSession(TlsSettings settings, SocketChannel channel, Lock writeLock) {
		try {
			return new TlsSession(settings.newServerEngine(channel.socket().getInetAddress().getHostAddress(),
					channel.socket().getPort()), writeLock);
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot start TLS", ex);
		}
	}

	/** Over a connection limit: end the connection as soon as the selector sees it. */
	private void refuse() {
		try {
			this.channel.shutdownOutput();
			// makes the channel readable at once, so the selector hands it to readPacket to be closed
			this.channel.shutdownInput();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	private void beginBatch() {
		this.writeLock.lock();
		try {
			this.batching = true;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void endBatch() {
		this.writeLock.lock();
		try {
			this.batching = false;
			if (!this.awaitingWritable) {
				flush();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Once closing was asked for (the peer half-closed, or the application): close if every request has
	 * been answered and every reply written.
	 * @return {@code true} when the connection is closed
	 */
	private boolean closeIfDone() {
		this.writeLock.lock();
		try {
			if (isOpen() && (this.requestsInFlight.get() > 0 || !this.pendingWrites.isEmpty())) {
				return false;
			}
			closeFor(this.closeWhenDone);
			return true;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/** Write what the socket takes now; called with the write lock held. */
	private void flush() {
		long writtenNow = 0;
		try {
			while (!this.pendingWrites.isEmpty()) {
				long written = writePending();
				if (written > 0) {
					this.pendingBytes -= written;
					writtenNow += written;
					this.lastWriteProgressNanos = System.nanoTime();
				}
				while (!this.pendingWrites.isEmpty() && !this.pendingWrites.peekFirst().hasRemaining()) {
					this.pendingWrites.pollFirst();
				}
				if (written == 0 && !this.pendingWrites.isEmpty()) {
					this.awaitingWritable = true;
					this.resources.writabilityWatcher().watch(this);
					return;
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Closing connection " + getConnectionId() + " after a write failed: " + ex.getMessage());
			closeFor(CloseReason.CLIENT);
			return;
		}
		finally {
			if (writtenNow > 0 || this.uncountedReplies > 0) {
				this.session.traffic().sent(this.uncountedReplies, writtenNow);
				this.uncountedReplies = 0;
			}
		}
		if (this.closeWhenDone != null) {
			closeIfDone();
		}
	}

	/**
	 * One write of queued bytes. Queued replies are copied into this thread's direct write buffer and
	 * written as one: the JDK would otherwise copy each heap buffer into a temporary direct buffer of its
	 * own, looked up per buffer. Replies too large for that buffer are written with a gathering write.
	 * @return the bytes written; the queued buffers have been advanced past them
	 */
	private long writePending() throws IOException {
		ByteBuffer first = this.pendingWrites.peekFirst();
		if (!first.isDirect()) {
			ByteBuffer coalesced = this.resources.writeBuffers().get();
			if (first.remaining() <= coalesced.remaining()) {
				for (ByteBuffer pending : this.pendingWrites) {
					if (pending.remaining() > coalesced.remaining()) {
						break;
					}
					coalesced.put(pending.duplicate());
				}
				coalesced.flip();
				int written = this.channel.write(coalesced);
				skipWritten(written);
				return written;
			}
		}
		int count = 0;
		for (ByteBuffer buffer : this.pendingWrites) {
			this.gatheringBuffers[count++] = buffer;
			if (count == MAX_BUFFERS_PER_WRITE) {
				break;
			}
		}
		try {
			return this.channel.write(this.gatheringBuffers, 0, count);
		}
		finally {
			Arrays.fill(this.gatheringBuffers, 0, count, null);
		}
	}

	/** Advance the queued buffers past bytes written from a copy of them. */
	private void skipWritten(long written) {
		long left = written;
		for (ByteBuffer pending : this.pendingWrites) {
			if (left == 0) {
				return;
			}
			int skipped = (int) Math.min(pending.remaining(), left);
			pending.position(pending.position() + skipped);
			left -= skipped;
		}
	}

	/** Feeds decrypted bytes to the frame decoder and queues the TLS layer's own records. */
	private final class TlsSink implements TlsSession.Sink {

		@Override
		public void plaintext(ByteBuffer bytes) throws IOException {
			GatewayNioConnection.this.decoder.decode(bytes, GatewayNioConnection.this::dispatch);
		}

		@Override
		public void send(List<ByteBuffer> records) {
			records.forEach(GatewayNioConnection.this::enqueue);
			flushUnlessHeld();
		}

	}

	private static final class ReadPostponed extends RejectedExecutionException {

		ReadPostponed() {
			super("read postponed");
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			// a shared signal, not an error: no stack trace to fill
			return this;
		}

	}

}
