package io.tcpgateway.proxy;

/**
 * Which PROXY protocol header the gateway requires at the start of each connection.
 */
public enum ProxyProtocolMode {

	/** No header: the socket's peer is the client. */
	OFF,

	/** The text header, version 1. */
	V1,

	/** The binary header, version 2. */
	V2,

	/** Either version. */
	ANY

}
