package io.tcpgateway.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The TLS layer of one NIO connection, over an {@link SSLEngine}: turns the bytes read
 * into plaintext and replies into records, without blocking.
 *
 * <p>
 * Only the connection's event loop calls it, as Netty's {@code SslHandler} runs on its
 * channel's: {@link #unwrap} when it reads, {@link #wrap} and {@link #closeOutbound} when
 * it queues replies (those made on other threads are handed over to it first), so every
 * record (replies, handshake output) is made and queued by one thread, and records leave
 * in the order the engine made them, without a lock. Replies sent before the handshake
 * has finished wait here until it has, counted by the connection as waiting to be
 * written. Replies the loop makes while it serves a read may instead be {@link #seal
 * sealed} together, after that read, into as few records as their size allows, as Netty's
 * handler wraps one flush's writes together; the session then makes its own records only
 * after {@link Sink#sealPending() asking} for those. A partial record is kept between
 * reads, bounded by the engine's packet size; decrypted bytes and records go through the
 * thread's {@link EngineBuffers}, records queued at their own size, so an idle TLS
 * connection holds no plaintext buffer. A client that starts a second handshake (TLS 1.2
 * renegotiation) is refused.
 */
public final class TlsSession {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final SSLEngine engine;

	/** Where the engine reads and writes best: the heap, or native memory. */
	private final EngineBuffers buffers;

	private final long startedNanos = System.nanoTime();

	private final HeldReplies heldReplies = new HeldReplies();

	private final PartialRecord partialRecord = new PartialRecord();

	private volatile boolean handshakeDone;

	private boolean inboundClosed;

	private final Consumer<SSLEngine> release;

	private final AtomicBoolean released = new AtomicBoolean();

	/**
	 * @param release frees what the engine holds outside the heap, once
	 * @param direct whether the engine works in native memory, and is best given direct
	 * buffers
	 */
	TlsSession(SSLEngine engine, Consumer<SSLEngine> release, boolean direct) throws SSLException {
		this.engine = engine;
		this.release = release;
		this.buffers = direct ? EngineBuffers.DIRECT : EngineBuffers.HEAP;
		try {
			engine.beginHandshake();
		}
		catch (SSLException | RuntimeException ex) {
			release();
			throw ex;
		}
	}

	/**
	 * Free the engine once the connection is closed, after its close_notify, whatever
	 * path the close took: OpenSSL's holds native memory that no garbage collector frees.
	 * Later calls do nothing.
	 */
	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.release.accept(this.engine);
		}
	}

	/**
	 * Where decrypted application bytes and handshake output go.
	 */
	public interface Sink {

		void plaintext(ByteBuffer bytes) throws IOException;

		/**
		 * Records to queue and send, handshake output and held replies, in the order
		 * made.
		 * @param releasedBytes reply bytes that were held for the handshake and are in
		 * these records now
		 */
		void send(List<ByteBuffer> records, long releasedBytes) throws IOException;

		/**
		 * The session is about to make records of its own (a TLS 1.3 KeyUpdate, say):
		 * replies waiting to be {@linkplain TlsSession#seal sealed} are sealed and queued
		 * first, so that records leave in the order they are made.
		 */
		void sealPending() throws IOException;

	}

	/**
	 * Decrypt what was read, running the handshake as it goes.
	 */
	public void unwrap(ByteBuffer input, Sink sink) throws IOException {
		ByteBuffer source = this.partialRecord.before(input);
		ByteBuffer plaintext = this.buffers.plaintext(this.engine.getSession().getApplicationBufferSize());
		while (source.hasRemaining() && !this.inboundClosed) {
			SSLEngineResult result = unwrapRecord(source, plaintext, sink);
			if (this.handshakeDone && isRenegotiation(result.getHandshakeStatus())) {
				throw new SSLException("client-initiated TLS renegotiation refused");
			}
			if (plaintext.position() > 0) {
				if (!this.handshakeDone) {
					// OpenSSL's engine may tell that its handshake has finished only
					// now: replies to these bytes need not wait, nor be held
					continueHandshake(sink);
				}
				plaintext.flip();
				sink.plaintext(plaintext);
				plaintext.clear();
			}
			switch (result.getStatus()) {
				case BUFFER_UNDERFLOW -> {
					this.partialRecord.keep(source, this.engine.getSession().getPacketBufferSize());
					continueHandshake(sink);
					return;
				}
				case BUFFER_OVERFLOW -> plaintext = this.buffers.plaintext(plaintext.capacity() * 2);
				case CLOSED -> this.inboundClosed = true;
				case OK -> {
				}
			}
			continueHandshake(sink);
		}
		this.partialRecord.clear();
		if (!this.handshakeDone && !this.inboundClosed
				&& this.engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
			askAgain(plaintext, sink);
		}
	}

	/**
	 * Once the handshake is done, the last record of this read only after the replies to
	 * those before it are sealed: it may be a close_notify, which closes OpenSSL's engine
	 * (and the JDK's on TLS 1.2) for writing too, and a client that sends its last
	 * request and closes expects the replies all the same. Nothing follows a
	 * close_notify; both engines unwrap one record per call (OpenSSL's in the
	 * JDK-compatible mode its engines are made in).
	 */
	private SSLEngineResult unwrapRecord(ByteBuffer source, ByteBuffer plaintext, Sink sink) throws IOException {
		if (this.handshakeDone && TlsRecords.recordEnd(source) >= source.limit()) {
			sink.sealPending();
		}
		return this.engine.unwrap(source, plaintext);
	}

	/**
	 * OpenSSL's engine takes the client's last handshake record while it reads and
	 * reports the handshake finished only when called again; without that a server that
	 * speaks first (a reply pushed before the client's first request) would wait for the
	 * client, which waits for it. The JDK's engine has nothing to add to an empty read.
	 */
	private void askAgain(ByteBuffer plaintext, Sink sink) throws IOException {
		SSLEngineResult result = this.engine.unwrap(EMPTY, plaintext);
		if (plaintext.position() > 0) {
			plaintext.flip();
			sink.plaintext(plaintext);
			plaintext.clear();
		}
		if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
			this.inboundClosed = true;
		}
		continueHandshake(sink);
	}

	/**
	 * A handshake the client starts after the first has finished: in TLS 1.2 only a new
	 * ClientHello does that, and renegotiating costs the server far more than the client.
	 * The gateway itself never starts one. In TLS 1.3 there is no renegotiation, and what
	 * follows the handshake (a KeyUpdate) is the engine's to answer.
	 */
	private boolean isRenegotiation(HandshakeStatus status) {
		return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
				&& !"TLSv1.3".equals(this.engine.getSession().getProtocol());
	}

	/**
	 * @return heap held for a TLS record not yet received whole
	 */
	public int retainedBytes() {
		return this.partialRecord.retainedBytes();
	}

	/**
	 * @return {@code true} once the peer has sent close_notify
	 */
	public boolean isInboundClosed() {
		return this.inboundClosed;
	}

	public boolean isHandshakeDone() {
		return this.handshakeDone;
	}

	public long startedNanos() {
		return this.startedNanos;
	}

	/**
	 * Encrypt a reply; before the handshake has finished the reply is held back.
	 * @return the records to send, in order
	 */
	public List<ByteBuffer> wrap(ByteBuffer reply) throws SSLException {
		if (!this.handshakeDone) {
			this.heldReplies.hold(reply);
			return List.of();
		}
		List<ByteBuffer> records = new ArrayList<>(1);
		TlsRecords.wrap(this.engine, reply, records, this.buffers);
		return records;
	}

	/**
	 * Encrypt the framed replies in {@code plaintext} into {@code records}, as few
	 * records as their size allows; only once the handshake is done, and only by the
	 * loop, which seals them before any other record of the session is made.
	 * @return whether all of {@code plaintext} was sealed; if not, {@code records} is
	 * full and the caller empties it before calling again
	 */
	public boolean seal(ByteBuffer plaintext, ByteBuffer records) throws SSLException {
		return TlsRecords.wrapInto(this.engine, plaintext, records);
	}

	/**
	 * @return whether the engine works in native memory, and is best given direct buffers
	 */
	public boolean prefersDirectBuffers() {
		return this.buffers == EngineBuffers.DIRECT;
	}

	/**
	 * @return the close_notify record, to send before closing
	 */
	public List<ByteBuffer> closeOutbound() throws SSLException {
		this.engine.closeOutbound();
		List<ByteBuffer> records = new ArrayList<>(1);
		TlsRecords.wrap(this.engine, EMPTY, records, this.buffers);
		return records;
	}

	private void continueHandshake(Sink sink) throws IOException {
		while (true) {
			HandshakeStatus status = this.engine.getHandshakeStatus();
			if (status == HandshakeStatus.NEED_TASK) {
				Runnable task;
				while ((task = this.engine.getDelegatedTask()) != null) {
					task.run();
				}
			}
			else if (status == HandshakeStatus.NEED_WRAP
					|| (!this.handshakeDone && status == HandshakeStatus.NOT_HANDSHAKING)) {
				// records must leave in the order they are made: wrapped and queued on
				// the loop, which alone wraps replies too, after those it has to seal
				if (this.handshakeDone) {
					sink.sealPending();
				}
				List<ByteBuffer> records = new ArrayList<>();
				while (this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
					TlsRecords.wrap(this.engine, EMPTY, records, this.buffers);
				}
				long released = 0;
				if (!this.handshakeDone && this.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
					this.handshakeDone = true;
					released = this.heldReplies.wrapInto(this.engine, records, this.buffers);
				}
				if (!records.isEmpty() || released > 0) {
					sink.send(records, released);
				}
				if (this.engine.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
					return;
				}
			}
			else {
				return;
			}
		}
	}

}
