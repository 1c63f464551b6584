package io.tcpgateway.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tcpgateway.connection.CloseReason;
import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.TcpConnectionContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code tcpconnections} Actuator endpoint: lists the live connections, shows one,
 * closes one ({@code DELETE}) and pushes a message to one ({@code POST}), through its
 * outbound channel.
 *
 * <p>
 * It can close any connection and send anything to it: expose it only on a management
 * port that does not face the public network.
 */
@WebEndpoint(id = "tcpconnections")
public class TcpConnectionsEndpoint {

	/** Connections listed when no {@code limit} is given. */
	static final int DEFAULT_LIMIT = 100;

	private static final Map<String, Comparator<ConnectionDescriptor>> SORTS = Map.of("pending",
			Comparator.comparingLong(ConnectionDescriptor::pendingBytes).reversed(), "bytesIn",
			Comparator.comparingLong(ConnectionDescriptor::bytesIn).reversed(), "bytesOut",
			Comparator.comparingLong(ConnectionDescriptor::bytesOut).reversed(), "messagesIn",
			Comparator.comparingLong(ConnectionDescriptor::messagesIn).reversed(), "messagesOut",
			Comparator.comparingLong(ConnectionDescriptor::messagesOut).reversed(), "opened",
			Comparator.comparing(ConnectionDescriptor::openedAt), "lastActivity",
			Comparator.comparing(ConnectionDescriptor::lastActivity));

	private final ConnectionRegistry registry;

	public TcpConnectionsEndpoint(ConnectionRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @param limit how many to list (default 100)
	 * @param sort {@code pending}, {@code bytesIn}, {@code bytesOut}, {@code messagesIn},
	 * {@code messagesOut} (largest first), {@code opened} or {@code lastActivity} (oldest
	 * first)
	 */
	@ReadOperation
	public WebEndpointResponse<Object> connections(@Nullable Integer limit, @Nullable String sort) {
		Comparator<ConnectionDescriptor> order = SORTS.getOrDefault((sort != null) ? sort : "opened", null);
		if (order == null || (limit != null && limit < 0)) {
			return new WebEndpointResponse<>(
					Map.of("error", "sort must be one of " + SORTS.keySet() + " and limit 0 or more"),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		List<ConnectionDescriptor> listed = this.registry.live()
			.stream()
			.map(ConnectionDescriptor::of)
			.sorted(order)
			.limit((limit != null) ? limit : DEFAULT_LIMIT)
			.toList();
		return new WebEndpointResponse<>(Map.of("total", this.registry.size(), "connections", listed));
	}

	@ReadOperation
	public WebEndpointResponse<ConnectionDescriptor> connection(@Selector String id) {
		Connection connection = this.registry.find(id);
		return (connection != null) ? new WebEndpointResponse<>(ConnectionDescriptor.of(connection))
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Close a connection at once, counted with reason {@code admin}.
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> close(@Selector String id) {
		Connection connection = this.registry.find(id);
		if (connection == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		connection.closeFor(CloseReason.ADMIN);
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

	/**
	 * Push a message to a connection, framed like a reply.
	 * @param payload the message as UTF-8 text
	 * @param base64 or the message as base64-encoded bytes
	 */
	@WriteOperation
	public WebEndpointResponse<Object> push(@Selector String id, @Nullable String payload, @Nullable String base64) {
		Connection live = this.registry.find(id);
		TcpConnectionContext connection = (live != null) ? live.context() : null;
		if (connection == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if ((payload == null) == (base64 == null)) {
			return new WebEndpointResponse<>(Map.of("error", "give exactly one of payload or base64"),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		byte[] bytes;
		try {
			bytes = (payload != null) ? payload.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(Map.of("error", "base64 is not valid: " + ex.getMessage()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		if (!connection.send(bytes)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(Map.of("sent", bytes.length));
	}

}
