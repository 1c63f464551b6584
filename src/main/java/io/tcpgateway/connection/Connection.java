package io.tcpgateway.connection;

import java.net.InetSocketAddress;

import io.tcpgateway.handler.TcpConnectionContext;

import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

/**
 * A live connection as the gateway sees it, whatever its transport: what the registry,
 * the limits and timeouts, the flow and operators use.
 *
 * <p>
 * Each transport ({@code nio}, {@code net}) extends its Spring Integration connection
 * class and keeps everything the two share in its {@link ConnectionSession}; the default
 * methods here are that shared part, so that only the transport's own work is written
 * twice.
 */
public interface Connection {

	/**
	 * @return the connection id, as in the {@code ip_connectionId} header (Spring
	 * Integration's own)
	 */
	String getConnectionId();

	/**
	 * @return whether the socket is open (Spring Integration's own)
	 */
	boolean isOpen();

	/**
	 * @return where decoded frames go (Spring Integration's own)
	 */
	TcpListener getListener();

	/**
	 * @return what the connection keeps whatever its transport
	 */
	ConnectionSession session();

	/**
	 * @return reply bytes waiting to be written; none for a transport whose threads write
	 * their replies at once
	 */
	default long pendingBytes() {
		return 0;
	}

	/**
	 * @param now the current {@link System#nanoTime()}
	 * @return for how long waiting replies have made no progress, 0 when nothing waits
	 */
	long writeStalledNanos(long now);

	/**
	 * @return {@code true} while a thread is reading, dispatching or writing for this
	 * connection
	 */
	boolean isBusy();

	/**
	 * Frame a message's payload and write it, or queue it to be written, in turn with the
	 * replies (Spring Integration's own).
	 */
	void send(Message<?> message);

	/**
	 * Frame a reply and write it, or queue it to be written, in turn with the others: the
	 * way of the connection's own outbound channel, which needs no message around it.
	 * @throws org.springframework.messaging.MessagingException when the connection is
	 * closed or the reply cannot be written
	 */
	void sendReply(byte[] payload);

	/**
	 * Write the heartbeat if it is due; called by the sweeper. A transport whose own
	 * thread writes its heartbeats ignores it.
	 */
	default void heartbeatIfDue(Heartbeat heartbeat, long now) {
	}

	/**
	 * Close the connection, now or once what it owes is written; the first reason given
	 * is the one counted.
	 * @param reason why; {@code null} only where the gateway cannot tell, counted then as
	 * an error (a shutdown while the gateway drains)
	 */
	void close(CloseReason reason, CloseMode mode);

	/**
	 * @return {@link System#nanoTime()} when a TLS handshake still in progress began, 0
	 * when none is
	 */
	default long handshakeStartedNanos() {
		return 0;
	}

	/**
	 * @return the client's address and port: behind a load balancer, the ones its PROXY
	 * header gave
	 */
	default InetSocketAddress remoteSocketAddress() {
		return session().client();
	}

	/**
	 * @return {@code address:port} of the client, for logs
	 */
	default String remoteAddress() {
		return session().clientHostAddress() + ":" + session().client().getPort();
	}

	/**
	 * @return {@link System#nanoTime()} when bytes last arrived from the client (or when
	 * it connected)
	 */
	default long lastReceivedNanos() {
		return session().traffic().lastReceivedNanos();
	}

	/**
	 * @return {@link System#nanoTime()} when the connection opened while its PROXY header
	 * is awaited, else 0
	 */
	default long proxyHeaderPendingSince() {
		return session().proxyHeaderPendingSince();
	}

	/**
	 * @return the connection's traffic so far
	 */
	default ConnectionStats stats() {
		return session().traffic().snapshot(pendingBytes());
	}

	/**
	 * @return the connection as the application sees it, once the flow has attached it;
	 * else {@code null}
	 */
	default TcpConnectionContext context() {
		return session().context();
	}

	/**
	 * A request of this connection is being handled. While too many are, the connection
	 * stops reading; while any is, a half-closed connection stays open for its replies.
	 */
	default void requestStarted() {
		session().requests().started();
	}

	/** A request of this connection has had all its replies. */
	default void requestFinished() {
		RequestTracker requests = session().requests();
		if (requests.finished()) {
			close(requests.closeWhenDone(), CloseMode.AFTER_FLUSH);
		}
	}

}
