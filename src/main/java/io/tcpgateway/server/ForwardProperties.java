package io.tcpgateway.server;

import java.net.URI;
import java.time.Duration;

import io.tcpgateway.framing.Framing;

/**
 * Where the gateway forwards its clients' frames instead of handling them itself, one
 * nested group per kind of backend.
 */
public class ForwardProperties {

	/** Forward to an upstream TCP service. */
	private final Tcp tcp = new Tcp();

	/** Forward to an HTTP service. */
	private final Http http = new Http();

	public Tcp getTcp() {
		return this.tcp;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * A bridge to an upstream TCP service, on when {@code host} is set.
	 */
	public static class Tcp {

		/** Host of the upstream service; setting it turns the bridge on. */
		private String host;

		/** TCP port of the upstream service. */
		private int port;

		/**
		 * How the upstream delimits messages; the same as {@code tcp-gateway.framing}
		 * when not set.
		 */
		private Framing framing;

		/** How long one attempt to connect to the upstream may take. */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * per-connection: each client gets its own upstream connection, frames go both
		 * ways as they come; shared: pool-size upstream connections carry every client's
		 * requests, one reply each.
		 */
		private Mode mode = Mode.PER_CONNECTION;

		/** Upstream connections shared by all clients in shared mode. */
		private int poolSize = 4;

		/**
		 * How long a request waits for its reply in shared mode before it fails (see
		 * handler.on-error).
		 */
		private Duration replyTimeout = Duration.ofSeconds(10);

		/**
		 * Threads that read and decode the upstream's frames besides its one selector
		 * thread; each upstream frame still arriving holds one.
		 */
		private int threads = 8;

		/** Put the tcpGatewayForward health component in the readiness group. */
		private boolean readiness;

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public Framing getFraming() {
			return this.framing;
		}

		public void setFraming(Framing framing) {
			this.framing = framing;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

		public Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public boolean isReadiness() {
			return this.readiness;
		}

		public void setReadiness(boolean readiness) {
			this.readiness = readiness;
		}

	}

	/**
	 * How client connections map onto upstream connections.
	 */
	public enum Mode {

		/** One upstream connection per client connection. */
		PER_CONNECTION,

		/**
		 * A pool of upstream connections shared by all clients, one reply per request.
		 */
		SHARED

	}

	/**
	 * Forwarding to an HTTP service: each frame is POSTed, a 2xx response's body is the
	 * reply.
	 */
	public static class Http {

		/**
		 * Absolute http(s) URL each frame is POSTed to; setting it turns the bridge on.
		 */
		private URI url;

		/** Content type of the request bodies. */
		private String contentType = "application/octet-stream";

		/**
		 * Longest wait for the backend's response, and for its connection; past it the
		 * request fails as handler.on-error says.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * HTTP requests the gateway has open at once, all connections together; past it
		 * the gateway stops reading from every connection until some complete.
		 */
		private int maxConcurrency = 256;

		public URI getUrl() {
			return this.url;
		}

		public void setUrl(URI url) {
			this.url = url;
		}

		public String getContentType() {
			return this.contentType;
		}

		public void setContentType(String contentType) {
			this.contentType = contentType;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

	}

}
