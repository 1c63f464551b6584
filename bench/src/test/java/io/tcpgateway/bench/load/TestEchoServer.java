package io.tcpgateway.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;

/**
 * A blocking echo server on a free port of 127.0.0.1, either faithful or deliberately
 * broken.
 */
final class TestEchoServer implements AutoCloseable {

	/** What the server does with what it receives. */
	enum Behaviour {

		/** Echo bytes as they arrive: a correct echo for every framing. */
		ECHO,

		/** Echo CR LF lines, but change one byte of the first line of each connection. */
		CORRUPT_FIRST_LINE,

		/** Echo CR LF lines, but change one byte of the fifth line of each connection. */
		CORRUPT_FIFTH_LINE,

		/**
		 * Echo CR LF lines, but send the fourth line of each connection before the third.
		 */
		SWAP_THIRD_AND_FOURTH_LINES,

		/** Read everything and never answer. */
		SILENT,

		/**
		 * Read the first CR LF line of each connection, then close it without answering.
		 */
		CLOSE_WITHOUT_REPLY

	}

	private final ServerSocket serverSocket;

	private final Behaviour behaviour;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private TestEchoServer(Behaviour behaviour, ServerSocketFactory sockets) throws IOException {
		this.serverSocket = sockets.createServerSocket(0, 100, InetAddress.getLoopbackAddress());
		this.behaviour = behaviour;
		Thread acceptor = new Thread(this::accept, "test-echo-acceptor");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static TestEchoServer start(Behaviour behaviour) throws IOException {
		return new TestEchoServer(behaviour, ServerSocketFactory.getDefault());
	}

	/** The same server behind the JDK's blocking TLS sockets. */
	static TestEchoServer startTls(Behaviour behaviour, SSLContext tls) throws IOException {
		return new TestEchoServer(behaviour, tls.getServerSocketFactory());
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				this.sockets.add(socket);
				Thread handler = new Thread(() -> serve(socket), "test-echo-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			if (this.behaviour == Behaviour.ECHO) {
				in.transferTo(out);
			}
			else if (this.behaviour == Behaviour.SILENT) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			else if (this.behaviour == Behaviour.CLOSE_WITHOUT_REPLY) {
				int next;
				while ((next = in.read()) >= 0 && next != '\n') {
					// Reading the line, and only the line, so that closing sends FIN, not
					// RST.
				}
			}
			else {
				serveLines(in, out);
			}
		}
		catch (IOException ex) {
			// The client closed the connection, or the server is closing.
		}
		finally {
			this.sockets.remove(socket);
		}
	}

	private void serveLines(InputStream in, OutputStream out) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		byte[] held = null;
		int lines = 0;
		int previous = -1;
		int next;
		while ((next = in.read()) >= 0) {
			line.write(next);
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				line.reset();
				lines++;
				if ((this.behaviour == Behaviour.CORRUPT_FIRST_LINE && lines == 1)
						|| (this.behaviour == Behaviour.CORRUPT_FIFTH_LINE && lines == 5)) {
					bytes[bytes.length - 3] ^= 0x01;
				}
				if (this.behaviour == Behaviour.SWAP_THIRD_AND_FOURTH_LINES && lines == 3) {
					held = bytes;
				}
				else {
					out.write(bytes);
					if (held != null) {
						out.write(held);
						held = null;
					}
					out.flush();
				}
			}
			previous = next;
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
