package io.tcpgateway.flow;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.RequestTracker;
import io.tcpgateway.handler.TcpConnectionContext;

/**
 * One open connection as the flow and the application see it: its outbound channel, its
 * reply order, the serial executor its blocking handler calls run on, and the
 * application's attributes.
 */
final class GatewayConnectionContext implements TcpConnectionContext {

	private final Connection connection;

	private final ConnectionOutboundChannel outbound;

	private final ReplySequencer sequencer;

	private final HandlerPool handlerPool;

	/** Made on first use: a non-blocking handler's connection never needs it. */
	private volatile SerialExecutor handlerExecutor;

	/** Made on first use: most connections never have attributes. */
	private volatile Map<String, Object> attributes;

	GatewayConnectionContext(Connection connection, ConnectionOutboundChannel outbound, long maxHeldReplyBytes,
			HandlerPool handlerPool, LongConsumer replyLatency, boolean stampRequests) {
		this.connection = connection;
		this.outbound = outbound;
		this.sequencer = new ReplySequencer(connection, outbound, maxHeldReplyBytes, replyLatency, stampRequests);
		this.handlerPool = handlerPool;
	}

	@Override
	public String id() {
		return this.connection.getConnectionId();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.connection.remoteSocketAddress();
	}

	@Override
	public boolean send(byte[] message) {
		return isOpen() && this.outbound.send(message);
	}

	@Override
	public void close() {
		this.connection.close(CloseReason.HANDLER, CloseMode.AFTER_FLUSH);
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public boolean bind(String key) {
		return this.connection.session().collaborators().registry().bind(this.connection, key);
	}

	@Override
	public Set<String> keys() {
		return this.connection.session().keys().snapshot();
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> made = this.attributes;
		if (made == null) {
			synchronized (this) {
				made = this.attributes;
				if (made == null) {
					made = new ConcurrentHashMap<>();
					this.attributes = made;
				}
			}
		}
		return made;
	}

	/**
	 * @return the server side of the connection: its traffic, and closing it for a reason
	 */
	Connection connection() {
		return this.connection;
	}

	ReplySequencer sequencer() {
		return this.sequencer;
	}

	/**
	 * @return the serial executor of the connection's blocking handler calls, one for the
	 * connection's whole life
	 */
	SerialExecutor handlerExecutor() {
		SerialExecutor executor = this.handlerExecutor;
		return (executor != null) ? executor : makeHandlerExecutor();
	}

	private synchronized SerialExecutor makeHandlerExecutor() {
		if (this.handlerExecutor == null) {
			// at the pool's bound, the connection's reads are held until its task finds
			// room
			RequestTracker requests = this.connection.session().requests();
			HandlerPool pool = this.handlerPool;
			this.handlerExecutor = new SerialExecutor((task) -> pool.execute(task, requests));
		}
		return this.handlerExecutor;
	}

	@Override
	public String toString() {
		return "connection " + id() + " from " + remoteAddress();
	}

}
