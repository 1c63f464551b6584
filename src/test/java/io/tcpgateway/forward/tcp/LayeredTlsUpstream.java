package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream for the bridge's TLS tests that drives each connection itself: a plain
 * loopback server socket whose connections a script handles as it likes, typically with
 * an {@link javax.net.ssl.SSLSocket} layered on the plain socket, so that it can also
 * write raw bytes around the TLS records (a byte after close_notify, an alert in the
 * clear during the handshake). Connections stay open until the test closes the server.
 */
final class LayeredTlsUpstream implements AutoCloseable {

	/** What the upstream does with its n-th connection (from 0). */
	@FunctionalInterface
	interface Script {

		void serve(int index, Socket plain) throws Exception;

	}

	private final ServerSocket server;

	private final Script script;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private LayeredTlsUpstream(ServerSocket server, Script script) {
		this.server = server;
		this.script = script;
		this.threads.execute(this::accept);
	}

	static LayeredTlsUpstream start(Script script) {
		try {
			return new LayeredTlsUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	int accepted() {
		return this.accepted.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.sockets.add(socket);
				int index = this.accepted.getAndIncrement();
				this.threads.execute(() -> {
					try {
						this.script.serve(index, socket);
					}
					catch (Exception ex) {
						// the gateway's close or the test's
					}
				});
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		this.threads.shutdownNow();
	}

}
