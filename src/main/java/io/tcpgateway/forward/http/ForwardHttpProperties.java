package io.tcpgateway.forward.http;

import java.net.URI;
import java.time.Duration;

import io.tcpgateway.server.DurationChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Forwarding to an HTTP service, under {@code tcp-gateway.forward.http.*}: each frame is
 * POSTed, a 2xx response's body is the reply. Checked as it is bound, whether the bridge
 * is on or not, so that a bad value fails startup naming the property.
 */
@ConfigurationProperties("tcp-gateway.forward.http")
@Validated
public class ForwardHttpProperties implements Validator {

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
	 * HTTP requests the gateway has open at once, all connections together; past it the
	 * gateway stops reading from every connection until some complete.
	 */
	private int maxConcurrency = 256;

	/** TLS to an https service. */
	private final Ssl ssl = new Ssl();

	@Override
	public boolean supports(Class<?> type) {
		return ForwardHttpProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ForwardHttpProperties http = (ForwardHttpProperties) target;
		URI url = http.getUrl();
		if (url != null && !isAbsoluteHttpUrl(url)) {
			errors.rejectValue("url", "url", "must be an absolute http or https URL with a host");
		}
		DurationChecks.positive(errors, "timeout", http.getTimeout());
		if (http.getSsl().getBundle() != null && url != null && !"https".equalsIgnoreCase(url.getScheme())) {
			errors.rejectValue("ssl.bundle", "https",
					"applies to an https URL only, and tcp-gateway.forward.http.url is " + url.getScheme()
							+ ": use https or remove the bundle");
		}
		if (http.getMaxConcurrency() < 1) {
			errors.rejectValue("max-concurrency", "min", "must be at least 1");
		}
		try {
			MediaType contentType = MediaType.parseMediaType(http.getContentType());
			if (contentType.isWildcardType() || contentType.isWildcardSubtype()) {
				errors.rejectValue("content-type", "mediaType",
						"must be a concrete media type such as application/octet-stream, not a wildcard");
			}
		}
		catch (InvalidMediaTypeException ex) {
			errors.rejectValue("content-type", "mediaType",
					"must be a media type such as application/octet-stream: " + ex.getMessage());
		}
	}

	private static boolean isAbsoluteHttpUrl(URI url) {
		return url.isAbsolute()
				&& ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
				&& url.getHost() != null;
	}

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

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * TLS to an https service, from a Spring Boot SSL bundle.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust store vouches for the
		 * service's certificate, and whose key store, if any, is the gateway's client
		 * certificate; the JDK's default trust when not set. The service's host name is
		 * always verified against its certificate.
		 */
		private String bundle;

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

}
