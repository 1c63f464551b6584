package io.tcpgateway.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A CRLF client of a gateway on 127.0.0.1, every read bounded by a timeout.
 */
final class LineClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	LineClient(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(10_000);
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		this.out = this.socket.getOutputStream();
	}

	String ask(String line) throws IOException {
		send(line);
		return read();
	}

	void send(String line) throws IOException {
		this.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
		this.out.flush();
	}

	/**
	 * @return the next line, or {@code null} at the end of the stream
	 */
	String read() throws IOException {
		return this.in.readLine();
	}

	int localPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
