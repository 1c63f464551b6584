package io.tcpgateway.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.Connections;
import io.tcpgateway.connection.ConnectionsUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code tcpconnections} Actuator endpoint: lists the live connections, shows one,
 * closes one ({@code DELETE}) and pushes a message to one ({@code POST}), through its
 * outbound channel. With the cluster on, {@code ?scope=cluster} lists every gateway's
 * connections, {@code ?key=K} finds connections by key across the cluster, and the
 * operations on one id reach a connection of any gateway; 503 when Redis is unreachable.
 *
 * <p>
 * It can close any connection and send anything to it: reading needs the role
 * {@code TCP_GATEWAY_VIEWER} or {@code TCP_GATEWAY_ADMIN}, push and close
 * {@code TCP_GATEWAY_ADMIN}; each push and close is audited on logger
 * {@code io.tcpgateway.audit}.
 */
@WebEndpoint(id = "tcpconnections")
class TcpConnectionsEndpoint {

	/** Connections listed when no {@code limit} is given. */
	static final int DEFAULT_LIMIT = 100;

	/** Status of an operation that was handed to another gateway. */
	static final int STATUS_ACCEPTED = 202;

	static final int STATUS_SERVICE_UNAVAILABLE = 503;

	static final int STATUS_PAYLOAD_TOO_LARGE = 413;

	private static final Map<String, Comparator<ConnectionDescriptor>> SORTS = Map.of("pending",
			Comparator.comparingLong(ConnectionDescriptor::pendingBytes).reversed(), "bytesIn",
			Comparator.comparingLong(ConnectionDescriptor::bytesIn).reversed(), "bytesOut",
			Comparator.comparingLong(ConnectionDescriptor::bytesOut).reversed(), "messagesIn",
			Comparator.comparingLong(ConnectionDescriptor::messagesIn).reversed(), "messagesOut",
			Comparator.comparingLong(ConnectionDescriptor::messagesOut).reversed(), "opened",
			Comparator.comparing(ConnectionDescriptor::openedAt), "lastActivity",
			Comparator.comparing(ConnectionDescriptor::lastActivity));

	private final ConnectionRegistry registry;

	/** This gateway's connections, or every gateway's with the cluster on. */
	private final Connections connections;

	/** The largest message that may be pushed: the gateway's max-message-size. */
	private final long maxMessageSize;

	TcpConnectionsEndpoint(ConnectionRegistry registry, Connections connections, long maxMessageSize) {
		this.registry = registry;
		this.connections = connections;
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * @param limit how many to list (default 100)
	 * @param sort {@code pending}, {@code bytesIn}, {@code bytesOut}, {@code messagesIn},
	 * {@code messagesOut} (largest first), {@code opened} or {@code lastActivity} (oldest
	 * first); the local list only
	 * @param scope {@code local} (the default) or {@code cluster}: every gateway's
	 * connections, oldest first
	 * @param key only the connections bound to this key, of the whole cluster when it is
	 * on
	 */
	@ReadOperation
	public WebEndpointResponse<Object> connections(@Nullable Integer limit, @Nullable String sort,
			@Nullable String scope, @Nullable String key) {
		Comparator<ConnectionDescriptor> order = SORTS.getOrDefault((sort != null) ? sort : "opened", null);
		if (order == null || (limit != null && limit < 0)) {
			return badRequest("sort must be one of " + SORTS.keySet() + " and limit 0 or more");
		}
		boolean clusterScope = "cluster".equals(scope);
		if (scope != null && !clusterScope && !"local".equals(scope)) {
			return badRequest("scope must be local or cluster");
		}
		if (clusterScope && !this.connections.spansCluster()) {
			return badRequest("scope=cluster needs the cluster on (tcp-gateway.cluster.enabled=true)");
		}
		int max = (limit != null) ? limit : DEFAULT_LIMIT;
		if (key != null) {
			return byKey(key, max);
		}
		if (clusterScope) {
			try {
				Connections.Listing listing = this.connections.list(max);
				return new WebEndpointResponse<>(Map.of("scope", "cluster", "total", listing.total(), "nodes",
						listing.nodes(), "connections", listing.connections()));
			}
			catch (ConnectionsUnavailableException ex) {
				return unavailable(ex);
			}
		}
		List<ConnectionDescriptor> listed = this.registry.live()
			.stream()
			.map(ConnectionDescriptor::of)
			.sorted(order)
			.limit(max)
			.toList();
		return new WebEndpointResponse<>(Map.of("total", this.registry.size(), "connections", listed));
	}

	private WebEndpointResponse<Object> byKey(String key, int limit) {
		try {
			Connections.Found found = this.connections.findByKey(key, limit, ConnectionDescriptor::of);
			return new WebEndpointResponse<>(
					Map.of("key", key, "total", found.total(), "connections", found.connections()));
		}
		catch (ConnectionsUnavailableException ex) {
			return unavailable(ex);
		}
	}

	@ReadOperation
	public WebEndpointResponse<Object> connection(@Selector String id) {
		try {
			Object found = this.connections.find(id, ConnectionDescriptor::of);
			return (found != null) ? new WebEndpointResponse<>(found)
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (ConnectionsUnavailableException ex) {
			return unavailable(ex);
		}
	}

	/**
	 * Close a connection at once, counted with reason {@code admin}; one of another
	 * gateway once the replies already sent to it are written (202).
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> close(SecurityContext security, @Selector String id) {
		WebEndpointResponse<Object> response = closeConnection(id);
		AdminAudit.close(security, id, response.getStatus());
		return response;
	}

	private WebEndpointResponse<Object> closeConnection(String id) {
		Connections.Outcome outcome = this.connections.close(id);
		return switch (outcome.status()) {
			case DONE -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
			case HANDED_OVER -> new WebEndpointResponse<>(Map.of("node", outcome.node()), STATUS_ACCEPTED);
			case NOT_FOUND -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
			case UNAVAILABLE -> unavailable(outcome.message());
		};
	}

	/**
	 * Push a message to a connection, framed like a reply; 413 when it is larger than the
	 * gateway's max-message-size.
	 * @param payload the message as UTF-8 text
	 * @param base64 or the message as base64-encoded bytes
	 */
	@WriteOperation
	public WebEndpointResponse<Object> push(SecurityContext security, @Selector String id, @Nullable String payload,
			@Nullable String base64) {
		if ((payload == null) == (base64 == null)) {
			return badRequest("give exactly one of payload or base64");
		}
		byte[] bytes;
		try {
			bytes = (payload != null) ? payload.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return badRequest("base64 is not valid: " + ex.getMessage());
		}
		WebEndpointResponse<Object> response = (bytes.length > this.maxMessageSize) ? tooLarge(bytes.length)
				: send(id, bytes);
		AdminAudit.push(security, id, bytes.length, response.getStatus());
		return response;
	}

	private WebEndpointResponse<Object> send(String id, byte[] bytes) {
		Connections.Outcome outcome;
		try {
			outcome = this.connections.push(id, bytes);
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
		return switch (outcome.status()) {
			case DONE -> new WebEndpointResponse<>(Map.of("sent", bytes.length));
			case HANDED_OVER -> new WebEndpointResponse<>(Map.of("sent", bytes.length, "node", outcome.node()));
			case NOT_FOUND -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
			case UNAVAILABLE -> unavailable(outcome.message());
		};
	}

	private static WebEndpointResponse<Object> badRequest(String error) {
		return new WebEndpointResponse<>(Map.of("error", error), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private WebEndpointResponse<Object> tooLarge(int length) {
		return new WebEndpointResponse<>(Map.of("error", "message length (" + length + ") exceeds the allowed maximum ("
				+ this.maxMessageSize + "): tcp-gateway.max-message-size"), STATUS_PAYLOAD_TOO_LARGE);
	}

	private static WebEndpointResponse<Object> unavailable(ConnectionsUnavailableException ex) {
		return unavailable(ex.getMessage());
	}

	private static WebEndpointResponse<Object> unavailable(String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		return new WebEndpointResponse<>(body, STATUS_SERVICE_UNAVAILABLE);
	}

}
