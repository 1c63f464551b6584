package io.tcpgateway.forward.http;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.MediaType;

/**
 * How frames are forwarded to the HTTP service.
 *
 * @param url where each frame is POSTed
 * @param contentType the content type of the request bodies
 * @param timeout the longest wait for a response, and for a connection to the service
 * @param maxConcurrency HTTP requests open at once, all connections together
 * @param maxQueued requests that may wait for one of the HTTP threads: the gateway's own
 * ceiling on open requests, which reading pausing at {@code maxConcurrency} keeps them
 * far below
 * @param maxResponseSize the largest response body read,
 * {@code tcp-gateway.max-message-size}
 * @param sslBundle the TLS of an https service, or {@code null} for the JDK's defaults
 */
record ForwardHttpSettings(URI url, MediaType contentType, Duration timeout, int maxConcurrency, int maxQueued,
		int maxResponseSize, @Nullable SslBundle sslBundle) {
}
