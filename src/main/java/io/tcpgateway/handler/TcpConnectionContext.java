package io.tcpgateway.handler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A client connection as the application sees it. Keep it to push messages to the client
 * later; it stays valid (and {@link #isOpen()} tells whether it still is) after the
 * connection closes.
 */
public interface TcpConnectionContext {

	/**
	 * @return the connection id, as in the {@code ip_connectionId} message header
	 */
	String id();

	/**
	 * @return the client's address and port
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Push a message to the client now, framed like a reply. It does not wait for open
	 * requests: use the request's {@link ReplySink} for answers.
	 * @param message the payload, without framing
	 * @return {@code false} when the connection is closed
	 */
	boolean send(byte[] message);

	/**
	 * Push a text message, encoded as UTF-8.
	 * @param message the payload, without framing
	 * @return {@code false} when the connection is closed
	 */
	default boolean send(String message) {
		return send(message.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Close the connection once the replies already sent are written.
	 */
	void close();

	/**
	 * @return {@code true} while the connection is open
	 */
	boolean isOpen();

	/**
	 * Bind one of the application's keys to this connection (a device id, a user name),
	 * until it closes. A key may name several connections; with
	 * {@code tcp-gateway.cluster.enabled} every gateway of the cluster finds the
	 * connection by it, and can push to it.
	 * @param key 1 to 200 characters without control characters; a connection carries at
	 * most 16
	 * @return {@code false} when the connection is closed
	 * @throws IllegalArgumentException when the key is not valid or the connection
	 * carries 16 already
	 */
	boolean bind(String key);

	/**
	 * @return the keys bound to this connection
	 */
	Set<String> keys();

	/**
	 * @return the application's own attributes for this connection (a session, a login),
	 * kept until it closes
	 */
	Map<String, Object> attributes();

}
