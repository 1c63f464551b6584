package io.tcpgateway.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * Keeps one {@link ConnectionOutboundChannel} per open connection, and routes each reply to the channel
 * of the connection named in its {@link IpHeaders#CONNECTION_ID} header.
 *
 * <p>A channel is created when its connection opens and removed when it closes; a reply for a
 * connection that has gone is dropped, since nobody is left to receive it.
 */
public class ConnectionOutboundChannels implements MessageHandler {

	private static final Log logger = LogFactory.getLog(ConnectionOutboundChannels.class);

	private final Map<String, ConnectionOutboundChannel> channels = new ConcurrentHashMap<>();

	private final String factoryName;

	private final MessageChannel outboundAdapterChannel;

	ConnectionOutboundChannels(AbstractServerConnectionFactory factory, MessageChannel outboundAdapterChannel) {
		this.factoryName = factory.getComponentName();
		this.outboundAdapterChannel = outboundAdapterChannel;
	}

	/**
	 * The outbound channel of a connection.
	 * @param connectionId the connection's id, as in {@link IpHeaders#CONNECTION_ID}
	 * @return its channel, or {@code null} when the connection is not open
	 */
	public MessageChannel channelFor(String connectionId) {
		return this.channels.get(connectionId);
	}

	@Override
	public void handleMessage(Message<?> reply) {
		String connectionId = reply.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		MessageChannel channel = (connectionId != null) ? channelFor(connectionId) : null;
		if (channel == null) {
			logger.debug("Dropping a reply for connection " + connectionId + ": it is closed");
			return;
		}
		channel.send(reply);
	}

	@EventListener
	void connectionOpened(TcpConnectionOpenEvent event) {
		if (isOurs(event)) {
			String id = event.getConnectionId();
			this.channels.put(id, new ConnectionOutboundChannel(id, this.outboundAdapterChannel));
		}
	}

	@EventListener
	void connectionClosed(TcpConnectionCloseEvent event) {
		if (isOurs(event)) {
			this.channels.remove(event.getConnectionId());
		}
	}

	private boolean isOurs(TcpConnectionEvent event) {
		return this.factoryName.equals(event.getConnectionFactoryName());
	}

}
