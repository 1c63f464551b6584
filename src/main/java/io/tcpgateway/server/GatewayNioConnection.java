package io.tcpgateway.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;

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
 * together; a socket that will not take more is handed to the {@link WritabilityWatcher}.
 */
class GatewayNioConnection extends TcpNioConnection {

	/** Thrown to the selector loop to have it retry this read after its read delay. */
	private static final RejectedExecutionException RETRY_READ_LATER = new ReadPostponed();

	private static final int MAX_BUFFERS_PER_WRITE = 64;

	private final SocketChannel channel;

	private final FrameDecoder decoder;

	private final ReadBuffers readBuffers;

	private final WritabilityWatcher writabilityWatcher;

	private final long maxPendingBytes;

	private final Lock writeLock = new ReentrantLock();

	private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();

	private final ByteBuffer[] gatheringBuffers = new ByteBuffer[MAX_BUFFERS_PER_WRITE];

	/** Reply bytes queued and not yet written; guarded by the write lock, read without it. */
	private volatile long pendingBytes;

	/** Set while the read task dispatches a batch of frames: their replies are written together. */
	private boolean batching;

	private boolean awaitingWritable;

	private boolean closeWhenFlushed;

	/** The peer has shut down its sending side; only the read task touches this. */
	private boolean inputEnded;

	/** The frame being turned into a message; only the read task touches this. */
	private byte[] currentFrame;

	GatewayNioConnection(SocketChannel channel, ApplicationEventPublisher publisher, String factoryName,
			FrameDecoder decoder, ReadBuffers readBuffers, WritabilityWatcher writabilityWatcher, long maxPendingBytes) {
		super(channel, true, false, publisher, factoryName);
		this.channel = channel;
		this.decoder = decoder;
		this.readBuffers = readBuffers;
		this.writabilityWatcher = writabilityWatcher;
		this.maxPendingBytes = maxPendingBytes;
	}

	@Override
	public void readPacket() {
		if (this.inputEnded) {
			closeOnceFlushed();
			return;
		}
		if (this.pendingBytes > this.maxPendingBytes) {
			// The peer is not reading its replies: stop reading its requests until they drain (TCP
			// flow control then slows the peer down), instead of buffering without bound.
			throw RETRY_READ_LATER;
		}
		try {
			ByteBuffer buffer = this.readBuffers.get();
			int read = this.channel.read(buffer);
			beginBatch();
			try {
				if (read > 0) {
					buffer.flip();
					this.decoder.decode(buffer, this::dispatch);
				}
				else if (read < 0) {
					this.inputEnded = true;
					this.decoder.endOfStream(this::dispatch);
				}
			}
			finally {
				endBatch();
			}
		}
		catch (FrameDecodingException ex) {
			logger.warn("Closing connection from " + remoteAddress() + ": " + ex.getMessage());
			closeConnection(true);
			return;
		}
		catch (IOException ex) {
			logger.debug("Closing connection " + getConnectionId() + " after a read failed: " + ex.getMessage());
			closeConnection(true);
			return;
		}
		if (this.inputEnded) {
			closeOnceFlushed();
		}
	}

	private void dispatch(byte[] frame) {
		if (!isOpen()) {
			return;
		}
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
			logger.error("Closing connection " + getConnectionId() + ": the flow failed to handle a message", ex);
			closeConnection(true);
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
					+ (payload == null ? "null" : payload.getClass().getName()) + "; expected byte[] or String");
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
			ByteBuffer buffer = frame.asByteBuffer();
			this.pendingWrites.add(buffer);
			this.pendingBytes += buffer.remaining();
			if (!this.batching && !this.awaitingWritable) {
				flush();
			}
		}
		finally {
			this.writeLock.unlock();
		}
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

	long getPendingBytes() {
		return this.pendingBytes;
	}

	@Override
	public void close() {
		super.close();
		this.writeLock.lock();
		try {
			this.pendingWrites.clear();
			this.pendingBytes = 0;
		}
		finally {
			this.writeLock.unlock();
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
	 * After the peer half-closed: close as soon as every reply owed has been written.
	 */
	private void closeOnceFlushed() {
		this.writeLock.lock();
		try {
			if (this.pendingWrites.isEmpty() || !isOpen()) {
				closeConnection(false);
				return;
			}
			this.closeWhenFlushed = true;
		}
		finally {
			this.writeLock.unlock();
		}
		// The closed input stays readable; have the selector look again later rather than spin.
		throw RETRY_READ_LATER;
	}

	/** Write what the socket takes now; called with the write lock held. */
	private void flush() {
		try {
			while (!this.pendingWrites.isEmpty()) {
				int count = 0;
				for (ByteBuffer buffer : this.pendingWrites) {
					this.gatheringBuffers[count++] = buffer;
					if (count == MAX_BUFFERS_PER_WRITE) {
						break;
					}
				}
				long written = this.channel.write(this.gatheringBuffers, 0, count);
				this.pendingBytes -= written;
				while (!this.pendingWrites.isEmpty() && !this.pendingWrites.peekFirst().hasRemaining()) {
					this.pendingWrites.pollFirst();
				}
				if (written == 0 && !this.pendingWrites.isEmpty()) {
					this.awaitingWritable = true;
					this.writabilityWatcher.watch(this);
					return;
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Closing connection " + getConnectionId() + " after a write failed: " + ex.getMessage());
			closeConnection(true);
			return;
		}
		finally {
			Arrays.fill(this.gatheringBuffers, null);
		}
		if (this.closeWhenFlushed) {
			closeConnection(false);
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

	private String remoteAddress() {
		return getHostAddress() + ":" + getPort();
	}

}
