package io.tcpgateway.server;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Turns each decoded frame into a message with Spring Integration's standard TCP headers (host name, IP
 * address, remote port, connection id, local address), filling one header map and building one message.
 *
 * <p>The stock mapper fills a header map, copies it through a message builder and copies it again into
 * the message: three maps and three random message ids per frame, about a fifth of the gateway's cost
 * per message. The gateway does not set the stock mapper's options (sequence headers, content type,
 * {@code BytesMessageMapper}), so this mapper has none.
 */
final class GatewayMessageMapper extends TcpMessageMapper {

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload = connection.getPayload();
		if (payload == null) {
			return super.toMessage(connection, headers);
		}
		Map<String, Object> messageHeaders = new HashMap<>(16);
		if (headers != null) {
			messageHeaders.putAll(headers);
		}
		// the standard headers win over the ones passed in, as with the stock mapper
		messageHeaders.put(IpHeaders.HOSTNAME, connection.getHostName());
		messageHeaders.put(IpHeaders.IP_ADDRESS, connection.getHostAddress());
		messageHeaders.put(IpHeaders.REMOTE_PORT, connection.getPort());
		messageHeaders.put(IpHeaders.CONNECTION_ID, connection.getConnectionId());
		SocketInfo socketInfo = connection.getSocketInfo();
		if (socketInfo != null) {
			messageHeaders.put(IpHeaders.LOCAL_ADDRESS, socketInfo.getLocalAddress());
		}
		return new GenericMessage<>(payload, messageHeaders);
	}

}
