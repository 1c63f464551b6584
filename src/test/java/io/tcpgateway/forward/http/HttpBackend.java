package io.tcpgateway.forward.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP service for the bridge to call, on a free loopback port, with many threads:
 * it records each request, counts how many it is answering at once, and answers as the
 * test's {@link Answer} says.
 */
final class HttpBackend implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(64);

	private final List<Request> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger answering = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicLong generatedBytesWritten = new AtomicLong();

	private final String scheme;

	private HttpBackend(Answer answer, SSLContext tls) throws IOException {
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
		if (tls != null) {
			HttpsServer https = HttpsServer.create(address, 0);
			https.setHttpsConfigurator(new HttpsConfigurator(tls));
			this.server = https;
			this.scheme = "https";
		}
		else {
			this.server = HttpServer.create(address, 0);
			this.scheme = "http";
		}
		this.server.setExecutor(this.threads);
		this.server.createContext("/", (exchange) -> handle(exchange, answer));
		this.server.start();
	}

	static HttpBackend start(Answer answer) {
		return start(answer, null);
	}

	/**
	 * @param tls the server's TLS, {@code null} for plain HTTP
	 */
	static HttpBackend start(Answer answer, SSLContext tls) {
		try {
			return new HttpBackend(answer, tls);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Answers every request with its own body, prefixed. */
	static HttpBackend echoing(String prefix) {
		return echoing(prefix, null);
	}

	/**
	 * Answers every request with its own body, prefixed, over TLS unless {@code null}.
	 */
	static HttpBackend echoing(String prefix, SSLContext tls) {
		return start((request) -> Response.ok(prefix + request.bodyText()), tls);
	}

	String url() {
		return this.scheme + "://127.0.0.1:" + this.server.getAddress().getPort() + "/frames";
	}

	List<Request> received() {
		return this.received;
	}

	/**
	 * @return the most requests this service was answering at one time
	 */
	int mostAtOnce() {
		return this.mostAtOnce.get();
	}

	/**
	 * @return requests whose answer has been written
	 */
	int answered() {
		return this.answered.get();
	}

	/**
	 * @return bytes of {@link Response#generated generated} bodies written so far: what
	 * the caller took, give or take the sockets' buffers
	 */
	long generatedBytesWritten() {
		return this.generatedBytesWritten.get();
	}

	private void handle(HttpExchange exchange, Answer answer) throws IOException {
		int now = this.answering.incrementAndGet();
		this.mostAtOnce.accumulateAndGet(now, Math::max);
		Response response;
		try {
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestHeaders(),
					exchange.getRequestBody().readAllBytes());
			this.received.add(request);
			response = answer.answer(request);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			response = new Response(503, new byte[0]);
		}
		finally {
			// before the answer is written: the gateway may send its next request as soon
			// as
			// it has this one's answer
			this.answering.decrementAndGet();
		}
		try {
			if (response.generated() > 0) {
				writeGenerated(exchange, response);
				return;
			}
			byte[] body = response.body();
			exchange.sendResponseHeaders(response.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		finally {
			exchange.close();
			this.answered.incrementAndGet();
		}
	}

	/**
	 * Writes a generated body a block at a time, never holding it whole, until it is
	 * written or the caller closes the connection.
	 */
	private void writeGenerated(HttpExchange exchange, Response response) throws IOException {
		exchange.sendResponseHeaders(response.status(), response.chunked() ? 0 : response.generated());
		byte[] block = new byte[64 * 1024];
		Arrays.fill(block, (byte) 'x');
		try (OutputStream out = exchange.getResponseBody()) {
			for (long left = response.generated(); left > 0; left -= block.length) {
				int length = (int) Math.min(block.length, left);
				out.write(block, 0, length);
				this.generatedBytesWritten.addAndGet(length);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/** What the service answers to a request; it may sleep to stand for slow work. */
	interface Answer {

		Response answer(Request request) throws InterruptedException;

	}

	record Request(String method, Headers headers, byte[] body) {

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	/**
	 * @param generated the length of a body generated as it is written, instead of
	 * {@code body}
	 * @param chunked whether a generated body goes without a Content-Length
	 */
	record Response(int status, byte[] body, long generated, boolean chunked) {

		Response(int status, byte[] body) {
			this(status, body, 0, false);
		}

		static Response generated(long length, boolean chunked) {
			return new Response(200, new byte[0], length, chunked);
		}

		static Response ok(String body) {
			return new Response(200, body.getBytes(StandardCharsets.UTF_8));
		}

		static Response status(int status) {
			return new Response(status, ("status " + status).getBytes(StandardCharsets.UTF_8));
		}

		static Response empty(int status) {
			return new Response(status, new byte[0]);
		}

	}

}
