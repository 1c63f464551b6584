package io.tcpgateway.proxy;

import java.io.IOException;

/**
 * A PROXY protocol header is missing, malformed or too long.
 */
public class ProxyProtocolException extends IOException {

	ProxyProtocolException(String message) {
		super(message);
	}

}
