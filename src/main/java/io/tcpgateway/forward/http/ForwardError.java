package io.tcpgateway.forward.http;

/**
 * Why a request to the HTTP service failed, as the {@code reason} tag of
 * {@code tcp.gateway.forward.errors}.
 */
enum ForwardError {

	/** The service answered with a status other than 2xx. */
	STATUS("status"),

	/**
	 * No connection to the service: refused, unreachable, not within the timeout, or a
	 * TLS handshake that failed (a certificate not trusted, or not of its host name).
	 */
	CONNECT("connect"),

	/** No response within {@code tcp-gateway.forward.http.timeout}. */
	TIMEOUT("timeout"),

	/**
	 * The service's response is larger than {@code tcp-gateway.max-message-size}: it is
	 * not read beyond that bound.
	 */
	TOO_LARGE("too-large"),

	/** Any other I/O failure, such as the service closing the connection mid-response. */
	IO("io");

	private final String tagValue;

	ForwardError(String tagValue) {
		this.tagValue = tagValue;
	}

	String tagValue() {
		return this.tagValue;
	}

}
