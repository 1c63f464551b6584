package io.tcpgateway.flow;

import java.util.function.LongConsumer;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayMessageHeaders;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

/**
 * Gives every connection its context in the flow when it opens (before its first read):
 * its own outbound channel, reply order and serial executor, kept on the connection
 * itself.
 */
final class ConnectionContextAttacher {

	private final String factoryName;

	private final ConnectionRegistry registry;

	private final QuietDirectChannel outboundAdapterChannel;

	private final long maxHeldReplyBytes;

	private final HandlerPool handlerPool;

	private final LongConsumer replyLatency;

	private final GatewayMessageHeaders messageHeaders;

	private final boolean stampRequests;

	/**
	 * @param maxHeldReplyBytes reply bytes a connection may hold behind an unfinished
	 * request
	 * @param replyLatency records each request's time to its last reply, or {@code null}
	 * @param stampRequests whether requests are stamped with their arrival for the reply
	 * timeout
	 */
	ConnectionContextAttacher(AbstractServerConnectionFactory factory, ConnectionRegistry registry,
			QuietDirectChannel outboundAdapterChannel, long maxHeldReplyBytes, HandlerPool handlerPool,
			LongConsumer replyLatency, GatewayMessageHeaders messageHeaders, boolean stampRequests) {
		this.factoryName = factory.getComponentName();
		this.registry = registry;
		this.outboundAdapterChannel = outboundAdapterChannel;
		this.maxHeldReplyBytes = maxHeldReplyBytes;
		this.handlerPool = handlerPool;
		this.replyLatency = replyLatency;
		this.messageHeaders = messageHeaders;
		this.stampRequests = stampRequests;
	}

	/**
	 * First among the listeners of the open event, so that the others (a bridge that
	 * opens an upstream connection for each client) find the context attached.
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void connectionOpened(TcpConnectionOpenEvent event) {
		if (!this.factoryName.equals(event.getConnectionFactoryName())) {
			return;
		}
		// refused connections are not registered, and get no context
		Connection connection = this.registry.find(event.getConnectionId());
		if (connection != null) {
			connection.session()
				.attach(new GatewayConnectionContext(connection,
						new ConnectionOutboundChannel(connection, this.outboundAdapterChannel, this.messageHeaders),
						this.maxHeldReplyBytes, this.handlerPool, this.replyLatency, this.stampRequests));
		}
	}

	/**
	 * The requests a connection leaves open when it closes end there: their observations
	 * stop, as closed.
	 */
	@EventListener
	void connectionClosed(TcpConnectionCloseEvent event) {
		if (this.factoryName.equals(event.getConnectionFactoryName())
				&& event.getSource() instanceof Connection connection
				&& connection.context() instanceof GatewayConnectionContext context) {
			context.sequencer().closed();
		}
	}

}
