package io.tcpgateway.forward.tcp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * An upstream service for the bridge's tests, on a free loopback port: blocking sockets,
 * length-header-2 framing, and a script that answers each frame of a connection in order,
 * one frame at a time, as strict request-reply services do.
 */
final class ScriptedUpstream implements AutoCloseable {

	/** What the upstream does with each frame of a connection. */
	@FunctionalInterface
	interface Script {

		void onFrame(Peer peer, String frame) throws IOException;

	}

	/** One connection to the upstream, as the upstream sees it. */
	static final class Peer {

		private final Socket socket;

		private final OutputStream output;

		private final AbstractByteArraySerializer codec;

		volatile String name;

		volatile boolean closed;

		Peer(Socket socket, AbstractByteArraySerializer codec) throws IOException {
			this.socket = socket;
			this.output = new BufferedOutputStream(socket.getOutputStream());
			this.codec = codec;
		}

		synchronized void send(String frame) throws IOException {
			this.codec.serialize(frame.getBytes(StandardCharsets.UTF_8), this.output);
			this.output.flush();
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

	private final ServerSocket server;

	private final Script script;

	private final AbstractByteArraySerializer codec = TcpCodecs.lengthHeader2(65536);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Peer> peers = new CopyOnWriteArrayList<>();

	private ScriptedUpstream(ServerSocket server, Script script) {
		this.server = server;
		this.script = script;
		this.threads.execute(this::accept);
	}

	static ScriptedUpstream start(Script script) {
		return start(0, script);
	}

	static ScriptedUpstream start(int port, Script script) {
		return start(InetAddress.getLoopbackAddress(), port, script);
	}

	/**
	 * @param address a loopback address to listen on, such as {@code 127.0.0.2}
	 * @param port the port, 0 for a free one
	 */
	static ScriptedUpstream start(InetAddress address, int port, Script script) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(address, port), 50);
			return new ScriptedUpstream(server, script);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param tls the server's TLS: every connection speaks TLS with the certificate of
	 * its key store
	 */
	static ScriptedUpstream startTls(SSLContext tls, Script script) {
		try {
			ServerSocket server = tls.getServerSocketFactory().createServerSocket();
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			return new ScriptedUpstream(server, script);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Answers each frame with {@code up:} and the frame. */
	static Script echo() {
		return (peer, frame) -> peer.send("up:" + frame);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * @return {@code address:port}, as the bridge names this upstream
	 */
	String key() {
		return this.server.getInetAddress().getHostAddress() + ":" + port();
	}

	/** Answers each frame with {@code name:} and the frame. */
	static Script named(String name) {
		return (peer, frame) -> peer.send(name + ":" + frame);
	}

	List<Peer> peers() {
		return this.peers;
	}

	Peer peerNamed(String name) {
		return this.peers.stream().filter(peer -> name.equals(peer.name)).findFirst().orElse(null);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Peer peer = new Peer(socket, this.codec);
				this.peers.add(peer);
				this.threads.execute(() -> serve(peer));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Peer peer) {
		try (Socket socket = peer.socket) {
			InputStream input = new BufferedInputStream(socket.getInputStream());
			while (true) {
				byte[] frame = this.codec.deserialize(input);
				this.script.onFrame(peer, new String(frame, StandardCharsets.UTF_8));
			}
		}
		catch (IOException | RuntimeException ex) {
			// end of stream, a close by the script, or the test's close
		}
		finally {
			peer.closed = true;
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
		this.peers.forEach(Peer::close);
		this.threads.shutdownNow();
	}

}
