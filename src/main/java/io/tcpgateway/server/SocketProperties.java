package io.tcpgateway.server;

import org.springframework.util.unit.DataSize;

/**
 * Options set on each accepted socket.
 */
public class SocketProperties {

	/** Disable Nagle's algorithm so small replies go out at once. */
	private boolean tcpNoDelay = true;

	/** Send TCP keep-alive probes on idle connections. */
	private boolean keepAlive = false;

	/**
	 * Socket receive buffer size (SO_RCVBUF); the operating system's default when not
	 * set.
	 */
	private DataSize receiveBufferSize;

	/**
	 * Socket send buffer size (SO_SNDBUF); the operating system's default when not set.
	 */
	private DataSize sendBufferSize;

	public boolean isTcpNoDelay() {
		return this.tcpNoDelay;
	}

	public void setTcpNoDelay(boolean tcpNoDelay) {
		this.tcpNoDelay = tcpNoDelay;
	}

	public boolean isKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(boolean keepAlive) {
		this.keepAlive = keepAlive;
	}

	public DataSize getReceiveBufferSize() {
		return this.receiveBufferSize;
	}

	public void setReceiveBufferSize(DataSize receiveBufferSize) {
		this.receiveBufferSize = receiveBufferSize;
	}

	public DataSize getSendBufferSize() {
		return this.sendBufferSize;
	}

	public void setSendBufferSize(DataSize sendBufferSize) {
		this.sendBufferSize = sendBufferSize;
	}

}
