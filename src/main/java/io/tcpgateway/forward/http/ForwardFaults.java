package io.tcpgateway.forward.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.EnumMap;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import io.tcpgateway.flow.ReportedFailure;
import io.tcpgateway.forward.http.BoundedBodyConverter.ResponseTooLargeException;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;
import org.springframework.web.client.RestClientResponseException;

/**
 * Around each call to the HTTP service: a failed call (a status other than 2xx, no
 * connection, no response in time, a response larger than a message may be) is counted by
 * its reason and logged once a minute per reason with the URL and the status, then fails
 * its request, which the gateway's {@code handler.on-error} policy answers or closes
 * without logging it again.
 */
final class ForwardFaults extends AbstractRequestHandlerAdvice {

	private static final Log logger = LogFactory.getLog(ForwardFaults.class);

	private final URI url;

	private final ForwardMetrics metrics;

	private final Map<ForwardError, RateLimitedLog> warnings = new EnumMap<>(ForwardError.class);

	ForwardFaults(URI url, ForwardMetrics metrics) {
		this.url = url;
		this.metrics = metrics;
		for (ForwardError reason : ForwardError.values()) {
			this.warnings.put(reason, new RateLimitedLog(logger));
		}
	}

	@Override
	protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		try {
			return callback.execute();
		}
		catch (RuntimeException ex) {
			ForwardError reason = reasonOf(ex);
			if (reason == null) {
				throw ex;
			}
			String failure = describe(reason, ex);
			this.metrics.failed(reason);
			this.warnings.get(reason)
				.warn((count) -> count + " request(s) to " + this.url + " failed (" + reason.tagValue()
						+ "), the last: " + failure + "; each is handled as tcp-gateway.handler.on-error says");
			throw new ReportedFailure("POST " + this.url + " failed: " + failure, ex);
		}
	}

	/**
	 * @return why the call failed, or {@code null} when it is no failure of the call
	 * itself (a bug, say), which goes on as any flow's failure
	 */
	static ForwardError reasonOf(Throwable failure) {
		Throwable cause = telling(failure);
		if (cause instanceof RestClientResponseException) {
			return ForwardError.STATUS;
		}
		if (cause instanceof ResponseTooLargeException) {
			return ForwardError.TOO_LARGE;
		}
		if (isConnectFailure(cause)) {
			return ForwardError.CONNECT;
		}
		if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
			return ForwardError.TIMEOUT;
		}
		return (cause instanceof IOException) ? ForwardError.IO : null;
	}

	/**
	 * @return the outermost cause that says why the call failed: the status, the failed
	 * connection, the timeout; else the outermost I/O failure, else {@code null}
	 */
	private static Throwable telling(Throwable failure) {
		Throwable io = null;
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException || cause instanceof ResponseTooLargeException
					|| isConnectFailure(cause) || cause instanceof HttpTimeoutException
					|| cause instanceof SocketTimeoutException) {
				return cause;
			}
			if (io == null && cause instanceof IOException) {
				io = cause;
			}
		}
		return io;
	}

	private static boolean isConnectFailure(Throwable cause) {
		// HttpConnectTimeoutException is an HttpTimeoutException: a connect failure
		// first;
		// a service whose certificate is not trusted is one the gateway cannot connect to
		return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
				|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
				|| cause instanceof SSLHandshakeException;
	}

	private static String describe(ForwardError reason, Throwable failure) {
		Throwable cause = telling(failure);
		if (cause instanceof RestClientResponseException response) {
			return "status " + response.getStatusCode().value() + " " + response.getStatusText();
		}
		return switch (reason) {
			case TIMEOUT -> "no response in time (tcp-gateway.forward.http.timeout): " + cause;
			case CONNECT -> "no connection: " + cause;
			case TOO_LARGE -> cause.getMessage();
			default -> String.valueOf(cause);
		};
	}

}
