package io.tcpgateway.server;

import java.net.URI;
import java.time.Duration;

/**
 * Where the gateway forwards each frame instead of handling it itself: a backend service
 * that answers it.
 */
public class ForwardProperties {

	private final Http http = new Http();

	public Http getHttp() {
		return this.http;
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
