package io.tcpgateway.test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.tcpgateway.framing.Framing;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * One client connection to a gateway, for tests: frames requests and decodes replies with
 * Spring Integration's codec for the framing (an implementation of the wire format
 * independent of the gateway's own decoders). Every read waits at most ten seconds, so a
 * missing reply fails the test instead of hanging it. Obtain one from
 * {@link TcpTestClient#connect()}, or open one directly.
 */
public final class TcpTestConnection implements AutoCloseable {

	/** Every read is bounded: a missing reply fails the test instead of hanging it. */
	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final AbstractByteArraySerializer codec;

	private final InputStream input;

	private final OutputStream output;

	private TcpTestConnection(Socket socket, AbstractByteArraySerializer codec) throws IOException {
		this.socket = socket;
		this.codec = codec;
		// Spring Integration's deserializers read a byte at a time: one system call each
		// without a buffer
		this.input = new BufferedInputStream(socket.getInputStream());
		this.output = new BufferedOutputStream(socket.getOutputStream());
	}

	public static TcpTestConnection open(int port, Framing framing) {
		return open(port, framing, 1024 * 1024);
	}

	public static TcpTestConnection open(int port, Framing framing, int maxMessageSize) {
		return open(null, port, framing, maxMessageSize);
	}

	/**
	 * Connect over TLS; the handshake is done when this returns.
	 */
	public static TcpTestConnection openTls(int port, Framing framing, SSLContext tls) {
		try {
			SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.startHandshake();
			return new TcpTestConnection(socket, ClientCodecs.of(framing, 1024 * 1024));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Connect from a given local address (any of 127.0.0.0/8 works on Linux), to appear
	 * as another client.
	 */
	public static TcpTestConnection open(InetAddress localAddress, int port, Framing framing, int maxMessageSize) {
		try {
			Socket socket = new Socket();
			if (localAddress != null) {
				socket.bind(new InetSocketAddress(localAddress, 0));
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			return new TcpTestConnection(socket, ClientCodecs.of(framing, maxMessageSize));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Frame and send one message, flushed at once. */
	public TcpTestConnection send(byte[] payload) {
		try {
			this.codec.serialize(payload, this.output);
			this.output.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public TcpTestConnection send(String payload) {
		return send(payload.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send several frames in one write, without waiting for replies (pipelining).
	 */
	public TcpTestConnection pipeline(String... payloads) {
		try {
			for (String payload : payloads) {
				this.codec.serialize(payload.getBytes(StandardCharsets.UTF_8), this.output);
			}
			this.output.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Send bytes exactly as given, with no framing added. */
	public TcpTestConnection sendRaw(byte[] bytes) {
		try {
			this.output.write(bytes);
			this.output.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Receive one frame, waiting at most ten seconds. */
	public byte[] receive() {
		try {
			return this.codec.deserialize(this.input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String receiveString() {
		return new String(receive(), StandardCharsets.UTF_8);
	}

	/** Read exactly {@code length} bytes, whatever their framing. */
	public byte[] receiveBytes(int length) {
		try {
			return this.input.readNBytes(length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait for the gateway to close the connection, discarding whatever it still sends
	 * (at most 1 MB).
	 * @return {@code true} on end of stream or a reset, {@code false} if it stays open
	 */
	public boolean awaitClosed() {
		try {
			byte[] discard = new byte[8192];
			for (int total = 0; total < 1024 * 1024;) {
				int read = this.input.read(discard);
				if (read < 0) {
					return true;
				}
				total += read;
			}
			return false;
		}
		catch (IOException ex) {
			// a reset is a close too
			return !(ex instanceof SocketTimeoutException);
		}
	}

	/** Shut down the sending side only (half-close), as {@code nc -q} does. */
	public TcpTestConnection shutdownOutput() {
		try {
			this.socket.shutdownOutput();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return {@code true} when the gateway answers this connection's request
	 */
	public boolean echoes(String payload) {
		try {
			send(payload);
			return payload.equals(receiveString());
		}
		catch (UncheckedIOException | SoftEndOfStreamException ex) {
			// reset, or closed before the reply
			return false;
		}
	}

	/**
	 * @return the socket, for what the connection does not offer; bytes the connection
	 * has already buffered are not read again through it
	 */
	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
