package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionReadGate;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.proxy.ProxyPreamble;
import io.tcpgateway.proxy.ProxyProtocolException;
import io.tcpgateway.tls.TlsSession;

/**
 * The read path of one NIO connection: takes what the socket has, past the PROXY header
 * and through TLS, cuts it into frames and hands each to the flow, the replies to one
 * read held back until its last frame is dispatched. Only the connection's read task
 * calls it, never two at once.
 */
final class InboundReader {

	/** Bytes read in one pass over every connection, shared among them. */
	private static final int BYTES_PER_PASS = 1024 * 1024;

	/** The least one read takes, however many connections share the pass. */
	private static final int MIN_READ_BYTES = 1024;

	private final Connection connection;

	private final ConnectionSession session;

	private final SocketChannel channel;

	private final ThreadBuffers readBuffers;

	private final FrameDecoder decoder;

	private final OutboundQueue outbound;

	/** The TLS layer, or {@code null} for plain TCP. */
	private final TlsSession tls;

	private final TlsSession.Sink tlsSink = new TlsSink();

	private final Consumer<byte[]> frames = this::dispatch;

	/** Every reason not to read the connection now. */
	private final ConnectionReadGate readGate;

	private final WireLog wireLog;

	/** Reads the PROXY protocol header while it is expected, else {@code null}. */
	private ProxyPreamble proxyPreamble;

	/** Frames dispatched by the current read. */
	private int framesThisRead;

	/** The peer has shut down its sending side. */
	private boolean inputEnded;

	InboundReader(Connection connection, SocketChannel channel, NioSettings settings, OutboundQueue outbound,
			TlsSession tls) {
		this.connection = connection;
		this.session = connection.session();
		this.channel = channel;
		this.readBuffers = settings.readBuffers();
		this.decoder = settings.connection().newDecoder();
		this.outbound = outbound;
		this.tls = tls;
		this.readGate = this.session.readGate();
		this.wireLog = settings.collaborators().wireLog();
		if (this.session.pendingProxyHeader() != null) {
			this.proxyPreamble = new ProxyPreamble(this.session.pendingProxyHeader());
		}
	}

	/**
	 * What one read of one connection may take: a share of a megabyte among the live
	 * connections, at least 1 KB. A read's frames are all handled before the next
	 * connection's, so without this share, two thousand clients sending as fast as they
	 * can would make every other client wait seconds for its turn. The share is of the
	 * live connections, not of those ready now: with worker threads, reads of one pass
	 * run while the selector starts the next, so its count says little.
	 */
	static int fairShare(int capacity, int liveConnections) {
		return Math.min(capacity, Math.max(MIN_READ_BYTES, BYTES_PER_PASS / Math.max(liveConnections, 1)));
	}

	/**
	 * Backpressure: whether to leave the bytes in the socket for now, for any of the
	 * reasons of the {@link ConnectionReadGate}; the selector retries a paused read after
	 * its read delay.
	 */
	boolean shouldPause() {
		return this.readGate.shutBy(this.outbound.pendingBytes()) != null;
	}

	/**
	 * @return whether the peer has shut down its sending side
	 */
	boolean inputEnded() {
		return this.inputEnded;
	}

	/** Read once, dispatch every frame completed, and write their replies together. */
	void read() {
		try {
			ByteBuffer buffer = this.readBuffers.get();
			int fair = fairShare(buffer.capacity(), this.session.collaborators().registry().size());
			buffer.limit(this.readGate.readLimit(fair));
			int read = this.channel.read(buffer);
			this.framesThisRead = 0;
			this.outbound.beginBatch();
			boolean tlsFailed = false;
			try {
				if (read > 0) {
					buffer.flip();
					if (this.tls == null && this.wireLog.isEnabled()) {
						this.wireLog.read(this.connection.getConnectionId(), buffer);
					}
					decode((this.proxyPreamble != null) ? readProxyHeader(buffer) : buffer);
				}
				else if (read < 0) {
					this.inputEnded = true;
					this.decoder.endOfStream(this.frames);
				}
			}
			catch (SSLException ex) {
				tlsFailed = true;
				throw ex;
			}
			finally {
				this.session.traffic().received(this.framesThisRead, Math.max(read, 0));
				this.readGate.afterRead(this.framesThisRead, Math.max(read, 0), retainedBytes());
				if (tlsFailed) {
					// the connection closes for that failure, not for sealing through it
					this.outbound.dropBatch();
				}
				this.outbound.endBatch();
			}
		}
		catch (FrameDecodingException ex) {
			this.connection.close(this.session.errors().frameRejected(this.connection, ex), CloseMode.NOW);
		}
		catch (ProxyProtocolException ex) {
			this.connection.close(this.session.errors().proxyRejected(this.connection, ex.getMessage()), CloseMode.NOW);
		}
		catch (SSLException ex) {
			this.connection.close(this.session.errors().tlsFailed(this.connection, ex), CloseMode.NOW);
		}
		catch (IOException ex) {
			this.connection.close(
					this.session.isClosing() ? CloseReason.CLIENT
							: this.session.errors().readFailed(this.connection, ex, this.decoder.bufferedBytes()),
					CloseMode.NOW);
		}
	}

	/**
	 * @return heap this connection holds for bytes that are not a whole frame yet
	 */
	private long retainedBytes() {
		long retained = this.decoder.retainedBytes();
		if (this.tls != null) {
			retained += this.tls.retainedBytes();
		}
		if (this.proxyPreamble != null) {
			retained += this.proxyPreamble.retainedBytes();
		}
		return retained;
	}

	/**
	 * @param data bytes read, after any PROXY header; {@code null} while that header is
	 * incomplete
	 */
	private void decode(ByteBuffer data) throws IOException {
		if (data == null || !data.hasRemaining()) {
			return;
		}
		if (this.tls == null) {
			this.decoder.decode(data, this.frames);
			return;
		}
		this.tls.unwrap(data, this.tlsSink);
		if (this.tls.isInboundClosed()) {
			this.inputEnded = true;
			this.decoder.endOfStream(this.frames);
		}
	}

	/**
	 * @return the bytes after the PROXY header, or {@code null} while it is incomplete or
	 * when the client is refused
	 */
	private ByteBuffer readProxyHeader(ByteBuffer buffer) throws ProxyProtocolException {
		ByteBuffer rest = this.proxyPreamble.read(buffer);
		if (rest == null) {
			return null;
		}
		CloseReason refused = this.session.proxyHeaderRead(this.proxyPreamble.header());
		this.proxyPreamble = null;
		if (refused != null) {
			this.connection.close(refused, CloseMode.NOW);
			return null;
		}
		return rest;
	}

	private void dispatch(byte[] frame) {
		if (!this.connection.isOpen() || (this.session.requests().closeWhenDone() != null && !this.inputEnded)) {
			return;
		}
		this.framesThisRead++;
		this.session.dispatch(this.connection, frame);
	}

	/**
	 * Feeds decrypted bytes to the frame decoder and queues the TLS layer's own records.
	 */
	private final class TlsSink implements TlsSession.Sink {

		@Override
		public void plaintext(ByteBuffer bytes) throws IOException {
			if (InboundReader.this.wireLog.isEnabled()) {
				InboundReader.this.wireLog.read(InboundReader.this.connection.getConnectionId(), bytes);
			}
			InboundReader.this.decoder.decode(bytes, InboundReader.this.frames);
		}

		@Override
		public void send(List<ByteBuffer> records, long releasedBytes) throws SSLException {
			InboundReader.this.outbound.released(releasedBytes);
			for (ByteBuffer record : records) {
				InboundReader.this.outbound.add(record);
			}
			InboundReader.this.outbound.flushUnlessHeld();
		}

		@Override
		public void sealPending() throws SSLException {
			InboundReader.this.outbound.queueBatch();
		}

	}

}
