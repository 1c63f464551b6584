package io.tcpgateway.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A client connection through TLS: an {@link SSLEngine} between the caller's plaintext
 * buffers and the non-blocking channel, driven by the connection's selector thread.
 *
 * <p>
 * Two direct buffers of one TLS record each, allocated once per wire: what arrived and is
 * not yet decrypted, and what is encrypted and not yet written. Decrypted bytes go
 * straight into the caller's buffer, which an echo client sizes for every reply it
 * awaits, so a record that does not fit is reported as an error rather than buffered. The
 * engine's delegated tasks (certificate checks, key agreement) run inline: the load tool
 * has a thread per selector and nothing else to do meanwhile.
 */
final class TlsWire implements Wire {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final TlsClient client;

	/** Bytes read from the socket and not yet unwrapped; in write mode. */
	private final ByteBuffer netIn;

	/** Bytes wrapped and not yet written to the socket; in read mode. */
	private final ByteBuffer netOut;

	private SocketChannel channel;

	private SSLEngine engine;

	private boolean inboundDone;

	/** The handshake has finished on this connection. */
	private boolean handshaken;

	TlsWire(TlsClient client) {
		this.client = client;
		// Direct: the socket reads and writes them without a copy, and OpenSSL works on
		// them.
		this.netIn = ByteBuffer.allocateDirect(client.packetBufferSize());
		this.netOut = ByteBuffer.allocateDirect(client.packetBufferSize()).flip();
	}

	@Override
	public void attach(SocketChannel channel) throws IOException {
		this.channel = channel;
		this.engine = this.client.newEngine();
		this.netIn.clear();
		this.netOut.clear().flip();
		this.inboundDone = false;
		this.handshaken = false;
		this.engine.beginHandshake();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		if (this.inboundDone) {
			return -1;
		}
		int read = this.channel.read(this.netIn);
		int before = dst.position();
		unwrap(dst);
		int produced = dst.position() - before;
		if (read < 0 && !this.handshaken) {
			failedHandshake();
		}
		return (produced == 0 && (read < 0 || this.inboundDone)) ? -1 : produced;
	}

	private void unwrap(ByteBuffer dst) throws IOException {
		this.netIn.flip();
		try {
			while (this.netIn.hasRemaining()) {
				SSLEngineResult result = this.engine.unwrap(this.netIn, dst);
				switch (result.getStatus()) {
					case CLOSED -> {
						this.inboundDone = true;
						if (!this.handshaken) {
							failedHandshake();
						}
						return;
					}
					case BUFFER_OVERFLOW -> throw new SSLException(
							"a TLS record larger than the " + dst.remaining() + " bytes left in the receive buffer");
					case BUFFER_UNDERFLOW -> {
						// A partial record: the rest comes with a later read.
						return;
					}
					default -> {
						this.handshaken |= result.getHandshakeStatus() == HandshakeStatus.FINISHED;
						progressHandshake();
					}
				}
				if (result.bytesConsumed() == 0) {
					// Nothing taken, for example a handshake message to send first while
					// the socket is full: the next write or read event resumes.
					return;
				}
			}
		}
		finally {
			this.netIn.compact();
		}
	}

	@Override
	public void write(ByteBuffer src) throws IOException {
		if (!flushNet()) {
			return;
		}
		progressHandshake();
		while (src.hasRemaining() && !this.netOut.hasRemaining()
				&& this.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
			wrap(src);
		}
	}

	@Override
	public boolean wantsWrite(ByteBuffer src) {
		if (this.netOut.hasRemaining()) {
			return true;
		}
		HandshakeStatus status = this.engine.getHandshakeStatus();
		return status == HandshakeStatus.NEED_WRAP || (src.hasRemaining() && status == HandshakeStatus.NOT_HANDSHAKING);
	}

	/**
	 * Run the engine's tasks and send its handshake messages while the socket takes them.
	 */
	private void progressHandshake() throws IOException {
		HandshakeStatus status;
		while ((status = this.engine.getHandshakeStatus()) == HandshakeStatus.NEED_TASK
				|| status == HandshakeStatus.NEED_WRAP) {
			if (status == HandshakeStatus.NEED_TASK) {
				Runnable task;
				while ((task = this.engine.getDelegatedTask()) != null) {
					task.run();
				}
			}
			else if (!flushNet() || !wrap(EMPTY)) {
				return;
			}
		}
	}

	/**
	 * Wrap one record into the empty outbound buffer and write it.
	 * @return whether the socket took all of it
	 */
	private boolean wrap(ByteBuffer src) throws IOException {
		this.netOut.clear();
		SSLEngineResult result;
		try {
			result = this.engine.wrap(src, this.netOut);
		}
		finally {
			this.netOut.flip();
		}
		if (result.getStatus() != SSLEngineResult.Status.OK) {
			throw new SSLException("TLS wrap: " + result.getStatus());
		}
		this.handshaken |= result.getHandshakeStatus() == HandshakeStatus.FINISHED;
		return flushNet();
	}

	/**
	 * The engine closed before the handshake finished: OpenSSL's reports why (an
	 * untrusted certificate, say) when asked to send its alert; fail with that reason.
	 */
	private void failedHandshake() throws IOException {
		try {
			if (flushNet()) {
				wrap(EMPTY);
			}
		}
		catch (SSLException ex) {
			// OpenSSL's own message is general; the trust manager's is in the cause.
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			SSLHandshakeException failure = new SSLHandshakeException("TLS handshake failed: " + cause.getMessage());
			failure.initCause(ex);
			throw failure;
		}
		throw new SSLHandshakeException("the TLS handshake ended with the connection closed");
	}

	/**
	 * @return whether nothing is left to write
	 */
	private boolean flushNet() throws IOException {
		if (this.netOut.hasRemaining()) {
			this.channel.write(this.netOut);
		}
		return !this.netOut.hasRemaining();
	}

	@Override
	public void close() {
		if (this.engine == null) {
			return;
		}
		try {
			// A close_notify, as a well-behaved client sends, when the socket takes it
			// now.
			if (this.channel.isOpen() && !this.netOut.hasRemaining()) {
				this.engine.closeOutbound();
				this.netOut.clear();
				try {
					this.engine.wrap(EMPTY, this.netOut);
				}
				finally {
					this.netOut.flip();
				}
				this.channel.write(this.netOut);
			}
		}
		catch (IOException ex) {
			// The connection is closing either way.
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// The connection is done with either way.
		}
		this.client.release(this.engine);
		this.engine = null;
	}

}
