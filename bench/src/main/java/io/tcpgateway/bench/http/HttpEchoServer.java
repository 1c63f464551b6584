package io.tcpgateway.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Answers every {@code POST} with its body, status 200, on connections kept alive: the
 * backend of the gateway's HTTP bridge in the benchmarks.
 *
 * <p>
 * The JDK's {@code HttpServer} on 127.0.0.1, its exchanges run on a fixed pool of
 * threads, with {@code TCP_NODELAY} on and no limit on idle kept-alive connections that
 * matters here (the JDK's default closes those past 200). A request with an empty body
 * gets a 200 with none; any other method a 405.
 */
public final class HttpEchoServer implements AutoCloseable {

	static final int DEFAULT_THREADS = 8;

	static final int BACKLOG = 1000;

	static {
		configureJdkServer();
	}

	/**
	 * Set the JDK server's properties this server needs, unless set already; they are
	 * read once, when the JDK's server is first used in the JVM, so any other JDK server
	 * started earlier (in a test) must call this first.
	 */
	static void configureJdkServer() {
		// Replies are single small writes that Nagle's algorithm would hold back behind
		// the client's delayed ACKs. Past 200 idle keep-alive connections (the JDK's
		// default) the server closes those returned to it: a client pooling hundreds of
		// connections sees failed requests.
		setDefault("sun.net.httpserver.nodelay", "true");
		setDefault("sun.net.httpserver.maxIdleConnections", "100000");
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private HttpEchoServer(int port, int threads) throws IOException {
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "http-echo-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
		this.server.createContext("/", HttpEchoServer::echo);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Start a server on 127.0.0.1.
	 * @param port the port, 0 for any free port
	 * @param threads the threads that run the exchanges
	 * @return the running server
	 * @throws IOException if the port cannot be bound
	 */
	public static HttpEchoServer start(int port, int threads) throws IOException {
		return new HttpEchoServer(port, threads);
	}

	private static void setDefault(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	private static void echo(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
			if (body.length == 0) {
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * {@code http-echo [--port P] [--threads N]}: serve until the process is stopped.
	 * @param args the command-line options
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		int port = 9080;
		int threads = DEFAULT_THREADS;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--port" -> port = Integer.parseInt(args[i + 1]);
				case "--threads" -> threads = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (args.length % 2 != 0) {
			throw new IllegalArgumentException("usage: http-echo [--port P] [--threads N]");
		}
		HttpEchoServer server = start(port, threads);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "http-echo-shutdown"));
		System.out.println("http echo server listening on port " + server.port() + " with " + threads + " threads");
		Thread.currentThread().join();
	}

}
