package io.tcpgateway.forward.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ThreadPoolExecutor;

import io.tcpgateway.connection.GatewayThreadFactory;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

/**
 * The bridge's HTTP client: a {@link RestTemplate} from Spring Boot's
 * {@link RestTemplateBuilder} (the application's, when it has one), so that the
 * application's customizers, interceptors and observations apply to the bridge's calls;
 * underneath, the JDK's {@link HttpClient}, built by Boot's {@link JdkHttpClientBuilder}
 * from {@link HttpClientSettings}, which keeps connections to the service alive and
 * reuses them, so no HTTP client library is needed. {@code forward.http.timeout} is both
 * its connect timeout and the read timeout of each request;
 * {@code forward.http.ssl.bundle} its TLS to an https service, the service's host name
 * verified. Redirects are not followed. A response body is read up to
 * {@code tcp-gateway.max-message-size} and no further ({@link BoundedBodyConverter}); the
 * body of an error response, no more than its first few kilobytes. Those, the error
 * handler and the request factory are the bridge's own whatever the application's
 * customizers set.
 *
 * <p>
 * The factory writes each request body on a thread of its own executor (Spring's default
 * would start a thread per request): here a pool of at most {@code max-concurrency}
 * threads, as many as calls run at once. The JDK client's own internal threads deliver
 * responses; their number follows the calls open, which the same limit bounds. The
 * client, whose selector thread starts as it is built, and the pool are made by
 * {@link #start()}: until then, and after {@link #stop()}, the template's request factory
 * has no client to hand a request to.
 */
final class ForwardHttpClient implements SmartLifecycle, ClientHttpRequestFactory {

	/**
	 * Below the phase of the inbound adapter ({@code Integer.MAX_VALUE / 2}), which
	 * starts the gateway's listener, and of the drain: started before them, stopped after
	 * them, so that the requests being drained keep their client and threads.
	 */
	static final int PHASE = -1024;

	private final ForwardHttpSettings settings;

	private final RestTemplate restTemplate;

	/** Made by {@link #start()}. */
	private volatile ThreadPoolExecutor bodyWriters;

	/** Made by {@link #start()}. */
	private volatile HttpClient client;

	/** Made by {@link #start()}: the one the template's requests are made by. */
	private volatile JdkClientHttpRequestFactory requestFactory;

	/**
	 * @param builder the application's builder, or a plain one; its request factory is
	 * replaced by this client's, made on start
	 */
	ForwardHttpClient(ForwardHttpSettings settings, RestTemplateBuilder builder) {
		this.settings = settings;
		// default settings: none of the application's (say its spring.http.clients.*
		// timeouts) is for this factory, which only hands requests to the one made on
		// start
		this.restTemplate = builder.requestFactory(() -> this).clientSettings(HttpClientSettings.defaults()).build();
		// again after the application's customizers, which may have replaced it (a
		// buffering factory would read whole bodies, unbounded, past the bridge's
		// timeouts and TLS); their interceptors still wrap it
		this.restTemplate.setRequestFactory(this);
		// set after the application's customizers ran: how the bridge reads a response is
		// part of what it promises
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
		ThreadPoolExecutor bodyWriters = new ReusingThreadPool(threads, threads,
				GatewayThreadFactory.platform("tcp-gateway-forward-http-body-", false));
		HttpClientSettings clientSettings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW, this.settings.timeout(),
				null, this.settings.sslBundle());
		// HTTP/1.1: no h2c upgrade attempt on plain http, which many services refuse
		HttpClient client = new JdkHttpClientBuilder()
			.withCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
			.build(clientSettings);
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client, bodyWriters);
		requestFactory.setReadTimeout(this.settings.timeout());
		this.bodyWriters = bodyWriters;
		this.client = client;
		this.requestFactory = requestFactory;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		JdkClientHttpRequestFactory requestFactory = this.requestFactory;
		if (requestFactory == null) {
			throw new IOException("The HTTP bridge's client is not running");
		}
		return requestFactory.createRequest(uri, httpMethod);
	}

	@Override
	public void stop() {
		ThreadPoolExecutor bodyWriters = this.bodyWriters;
		HttpClient client = this.client;
		this.requestFactory = null;
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
