package io.tcpgateway.tls;

/**
 * Whether TLS clients must present a certificate.
 */
public enum ClientAuth {

	/** No client certificate is asked for. */
	NONE,

	/** A client certificate is asked for, and checked when given. */
	WANT,

	/** A valid client certificate is required (mutual TLS). */
	NEED

}
