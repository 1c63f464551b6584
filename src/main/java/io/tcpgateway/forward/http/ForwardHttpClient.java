package io.tcpgateway.forward.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.GatewayThreadFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * The bridge's HTTP client: the JDK's {@link HttpClient}, which keeps connections to the
 * service alive and reuses them, through Spring's {@link JdkClientHttpRequestFactory}, so
 * no HTTP client library is needed; {@code forward.http.timeout} is both its connect
 * timeout and the read timeout of each request. A response body is read up to
 * {@code tcp-gateway.max-message-size} and no further ({@link BoundedBodyConverter}); the
 * body of an error response, no more than its first few kilobytes.
 *
 * <p>
 * The factory writes each request body on a thread of its own executor (Spring's default
 * would start a thread per request): here a pool of at most {@code max-concurrency}
 * threads, as many as calls run at once. The JDK client's own internal threads deliver
 * responses; their number follows the calls open, which the same limit bounds. The
 * client, whose selector thread starts as it is built, and the pool are made by
 * {@link #start()}: the template the flow holds gets its request factory then.
 */
final class ForwardHttpClient implements SmartLifecycle {

	/**
	 * Below the phase of Spring Integration's endpoints (0), which start the gateway's
	 * listener, and of the drain: started before them, stopped after them, so that the
	 * requests being drained keep their client and threads.
	 */
	static final int PHASE = -1024;

	private final ForwardHttpSettings settings;

	private final RestTemplate restTemplate;

	/** Made by {@link #start()}. */
	private volatile ThreadPoolExecutor bodyWriters;

	/** Made by {@link #start()}. */
	private volatile HttpClient client;

	ForwardHttpClient(ForwardHttpSettings settings) {
		this.settings = settings;
		this.restTemplate = new RestTemplate();
		this.restTemplate.setErrorHandler(new Non2xxIsAnError(settings.maxResponseSize()));
		// the reply is read whole into memory: never more of it than a message may be
		this.restTemplate.getMessageConverters().removeIf(ByteArrayHttpMessageConverter.class::isInstance);
		this.restTemplate.getMessageConverters().add(0, new BoundedBodyConverter(settings.maxResponseSize()));
	}

	RestTemplate restTemplate() {
		return this.restTemplate;
	}

	@Override
	public void start() {
		int threads = this.settings.maxConcurrency();
		ThreadPoolExecutor bodyWriters = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(threads),
				GatewayThreadFactory.platform("tcp-gateway-forward-http-body-", false));
		bodyWriters.allowCoreThreadTimeOut(true);
		// HTTP/1.1: no h2c upgrade attempt on plain http, which many services refuse
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.settings.timeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client, bodyWriters);
		requestFactory.setReadTimeout(this.settings.timeout());
		this.restTemplate.setRequestFactory(requestFactory);
		this.bodyWriters = bodyWriters;
		this.client = client;
	}

	@Override
	public void stop() {
		ThreadPoolExecutor bodyWriters = this.bodyWriters;
		HttpClient client = this.client;
		this.bodyWriters = null;
		this.client = null;
		if (bodyWriters != null) {
			bodyWriters.shutdownNow();
		}
		// closeable from Java 21 on, which ends its selector thread now rather than when
		// the client is collected
		if (client instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// stopping: nothing is left to tell
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.client != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Only a 2xx response is a reply: a redirect, which the client does not follow, fails
	 * the request like a 4xx or 5xx. Of an error response's body, which the failure
	 * carries, only the first few kilobytes are read.
	 */
	private static final class Non2xxIsAnError extends DefaultResponseErrorHandler {

		/** Enough of an error body to tell what went wrong. */
		private static final int ERROR_BODY_MAX = 4 * 1024;

		private final int maxBodySize;

		Non2xxIsAnError(int maxResponseSize) {
			this.maxBodySize = Math.min(ERROR_BODY_MAX, maxResponseSize);
		}

		@Override
		protected boolean hasError(HttpStatusCode statusCode) {
			return !statusCode.is2xxSuccessful();
		}

		/**
		 * Reads the start of the body, then closes it: the response's own close would
		 * first drain the rest, however long, to reuse the connection; closed, the JDK
		 * client drops the connection instead (as {@link BoundedBodyConverter} does).
		 */
		@Override
		protected byte[] getResponseBody(ClientHttpResponse response) {
			try (InputStream body = response.getBody()) {
				return body.readNBytes(this.maxBodySize);
			}
			catch (IOException ex) {
				// as the superclass does: the status alone tells the failure
				return new byte[0];
			}
		}

	}

}
