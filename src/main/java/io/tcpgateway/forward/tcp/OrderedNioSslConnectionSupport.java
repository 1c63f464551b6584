package io.tcpgateway.forward.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioSSLConnection;
import org.springframework.integration.util.CompositeExecutor;

/**
 * Gives the upstream client factory TLS connections that assemble their frames in order,
 * as {@link OrderedNioConnectionSupport} does for plain ones, each one's handshake
 * complete before the factory hands it out.
 *
 * <p>
 * Spring Integration's {@link TcpNioSSLConnection} starts the handshake with the first
 * write, so a certificate the gateway refuses would only show once a client's first frame
 * was on its way, and an upstream that speaks first would wait for a handshake no one
 * starts. Here the handshake runs as part of connecting, on the connect thread that
 * opened the socket and before the socket is registered with the selector: the engine is
 * driven through the connection's own TLS code, one whole record at a time read from the
 * still blocking socket, so nothing the upstream sends after the handshake is read early.
 * A refused certificate, a name that does not match or no handshake within the connect
 * timeout fails the connection attempt like a refused connection. The upstream's
 * close_notify closes the connection ({@link CloseNotifyFailingEngine}).
 */
final class OrderedNioSslConnectionSupport implements TcpNioConnectionSupport {

	private final Executor assemblers;

	private final Supplier<SSLEngine> engines;

	private final Duration handshakeTimeout;

	OrderedNioSslConnectionSupport(Executor assemblers, Supplier<SSLEngine> engines, Duration handshakeTimeout) {
		this.assemblers = assemblers;
		this.engines = engines;
		this.handshakeTimeout = handshakeTimeout;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		try {
			OrderedNioSslConnection connection = new OrderedNioSslConnection(socketChannel, lookupHost,
					applicationEventPublisher, connectionFactoryName, new CloseNotifyFailingEngine(this.engines.get()),
					this.assemblers);
			connection.init();
			// a later handshake (a renegotiation) holds a writer this long at most, not
			// Spring Integration's 30 seconds
			connection.setHandshakeTimeout((int) Math.max(1, (this.handshakeTimeout.toMillis() + 999) / 1000));
			TlsHandshake.run(connection, socketChannel, this.handshakeTimeout);
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			// the factory closes the socket only on a checked failure, which this method
			// cannot throw; an unchecked one (a name or option the engine refuses) would
			// leave it open too
			try {
				socketChannel.close();
			}
			catch (IOException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			// the failure's own words, not its innermost cause's, tell what went wrong
			IOException failure = new IOException("TLS handshake failed, " + ex);
			failure.addSuppressed(ex);
			throw new UncheckedIOException(failure);
		}
	}

	/**
	 * An upstream TLS connection whose frames are assembled one at a time.
	 */
	static final class OrderedNioSslConnection extends TcpNioSSLConnection implements OrderedAssembly.InOrder {

		private final OrderedAssembly assembly;

		private final SSLEngine engine;

		private final AtomicBoolean closed = new AtomicBoolean();

		OrderedNioSslConnection(SocketChannel socketChannel, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				SSLEngine engine, Executor assemblers) {
			super(socketChannel, false, lookupHost, applicationEventPublisher, connectionFactoryName, engine);
			this.engine = engine;
			this.assembly = new OrderedAssembly(assemblers, this::waitingBytes);
		}

		@Override
		public void setTaskExecutor(Executor taskExecutor) {
			// reads on the factory's executor, assembly in order on the shared pool
			super.setTaskExecutor(new CompositeExecutor(taskExecutor, this.assembly.executor()));
		}

		@Override
		public void afterAssembly(Runnable task) {
			this.assembly.afterAssembly(task);
		}

		/**
		 * Hands network bytes to the connection's TLS code, which unwraps them and writes
		 * what the handshake answers.
		 */
		void receive(ByteBuffer network) throws IOException {
			super.sendToPipe(network);
		}

		/**
		 * The upstream's close_notify is its end of stream: the connection closes as on
		 * one, without the read error Spring Integration would log for the failed unwrap.
		 */
		@Override
		protected void sendToPipe(ByteBuffer network) throws IOException {
			try {
				super.sendToPipe(network);
			}
			catch (CloseNotifyFailingEngine.SessionClosedException ex) {
				network.clear();
				closeConnection(true);
			}
		}

		SSLEngine engine() {
			return this.engine;
		}

		/**
		 * Closes once: Spring Integration closes again on every write that fails, and
		 * each close queues an end of stream for the assembler, so that once five wait,
		 * each further close (a client's frames still written after a write timed out)
		 * would hold its writer for the pipe's timeout.
		 */
		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				super.close();
			}
		}

		private int waitingBytes() {
			try {
				return inputStream().available();
			}
			catch (IOException ex) {
				return 0;
			}
		}

	}

	/**
	 * The client side of a TLS handshake on a socket not yet registered with a selector.
	 */
	static final class TlsHandshake {

		/** A TLS record's header: content type, version, length. */
		private static final int HEADER = 5;

		/** The largest record TLS allows: 2^14 bytes of data plus 2048 of expansion. */
		private static final int MAX_RECORD = 16384 + 2048;

		private TlsHandshake() {
		}

		static void run(OrderedNioSslConnection connection, SocketChannel channel, Duration timeout)
				throws IOException {
			Socket socket = channel.socket();
			long deadline = System.nanoTime() + timeout.toNanos();
			channel.configureBlocking(true);
			try {
				SSLEngine engine = connection.engine();
				engine.beginHandshake();
				// with nothing to unwrap, the engine wraps and sends its hello
				connection.receive(ByteBuffer.allocate(0));
				InputStream input = socket.getInputStream();
				while (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
					connection.receive(readRecord(input, socket, deadline, timeout));
				}
				// an engine closed during the handshake (a TLS 1.2 user_canceled, then
				// close_notify) is not handshaking either, with no peer verified
				if (engine.isInboundDone() || engine.isOutboundDone()) {
					throw new SSLException("the upstream closed the TLS session during the handshake");
				}
				// throws unless the peer's certificate was verified
				engine.getSession().getPeerCertificates();
			}
			finally {
				// a failed handshake may have closed the socket, which is then left as is
				if (channel.isOpen()) {
					// reads on the selector ignore it; a write that waits for the socket
					// (the answer to a KeyUpdate included, written by the reader) gives
					// up
					// when the upstream reads nothing for this long
					socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
					channel.configureBlocking(false);
				}
			}
		}

		private static ByteBuffer readRecord(InputStream input, Socket socket, long deadline, Duration timeout)
				throws IOException {
			byte[] header = readFully(input, socket, HEADER, deadline, timeout);
			int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
			if (length > MAX_RECORD) {
				throw new SSLException("the upstream does not speak TLS: a record of " + length
						+ " bytes exceeds the allowed maximum (" + MAX_RECORD + ")");
			}
			ByteBuffer record = ByteBuffer.allocate(HEADER + length);
			record.put(header).put(readFully(input, socket, length, deadline, timeout)).flip();
			return record;
		}

		private static byte[] readFully(InputStream input, Socket socket, int length, long deadline, Duration timeout)
				throws IOException {
			byte[] bytes = new byte[length];
			int read = 0;
			while (read < length) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw timedOut(timeout);
				}
				socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
				int count;
				try {
					count = input.read(bytes, read, length - read);
				}
				catch (SocketTimeoutException ex) {
					throw timedOut(timeout);
				}
				if (count < 0) {
					throw new EOFException("the upstream closed the connection during the TLS handshake");
				}
				read += count;
			}
			return bytes;
		}

		private static SocketTimeoutException timedOut(Duration timeout) {
			return new SocketTimeoutException("TLS handshake not complete within " + timeout.toMillis()
					+ "ms (tcp-gateway.forward.tcp.connect-timeout)");
		}

	}

}
