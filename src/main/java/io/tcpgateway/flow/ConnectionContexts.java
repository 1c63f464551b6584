package io.tcpgateway.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.server.ConnectionHandle;
import io.tcpgateway.server.GatewayConnections;
import io.tcpgateway.server.GatewayMessageHeaders;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageChannel;

/**
 * Keeps the context of every open connection: created when the connection opens, with its own
 * outbound channel, and removed when it closes.
 */
public class ConnectionContexts {

	private final Map<String, GatewayConnectionContext> contexts = new ConcurrentHashMap<>();

	private final String factoryName;

	private final GatewayConnections connections;

	private final MessageChannel outboundAdapterChannel;

	private final long maxHeldReplyBytes;

	private final Executor handlerPool;

	private final LongConsumer replyLatency;

	private final GatewayMessageHeaders messageHeaders;

	ConnectionContexts(AbstractServerConnectionFactory factory, GatewayConnections connections,
			MessageChannel outboundAdapterChannel, long maxHeldReplyBytes, Executor handlerPool,
			LongConsumer replyLatency, GatewayMessageHeaders messageHeaders) {
		this.factoryName = factory.getComponentName();
		this.connections = connections;
		this.outboundAdapterChannel = outboundAdapterChannel;
		this.maxHeldReplyBytes = maxHeldReplyBytes;
		this.handlerPool = handlerPool;
		this.replyLatency = replyLatency;
		this.messageHeaders = messageHeaders;
	}

	/**
	 * @param connectionId a connection id, as in the {@code ip_connectionId} header
	 * @return the open connection with this id, or {@code null}
	 */
	public TcpConnectionContext find(String connectionId) {
		return this.contexts.get(connectionId);
	}

	GatewayConnectionContext get(String connectionId) {
		return this.contexts.get(connectionId);
	}

	@EventListener
	void connectionOpened(TcpConnectionOpenEvent event) {
		if (!isOurs(event)) {
			return;
		}
		String id = event.getConnectionId();
		ConnectionHandle connection = this.connections.find(id);
		if (connection != null) {
			this.contexts.put(id, new GatewayConnectionContext(connection,
					new ConnectionOutboundChannel(id, this.outboundAdapterChannel, this.messageHeaders),
					this.maxHeldReplyBytes, this.handlerPool, this.replyLatency));
		}
	}

	@EventListener
	void connectionClosed(TcpConnectionCloseEvent event) {
		if (isOurs(event)) {
			GatewayConnectionContext context = this.contexts.remove(event.getConnectionId());
			if (context != null) {
				context.markClosed();
			}
		}
	}

	private boolean isOurs(TcpConnectionEvent event) {
		return this.factoryName.equals(event.getConnectionFactoryName());
	}

}
