package io.tcpgateway.forward.tcp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tcpgateway.connection.EnumNames;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code tcpupstreams} Actuator endpoint: lists the TCP bridge's upstreams with their
 * state and counters, shows one, and drains one ({@code POST} with
 * {@code {"state":"drain"}}: it takes no new clients, its clients stay) or makes it
 * active again ({@code {"state":"active"}}, with its slow start). {@code {upstream}} is
 * its {@code address:port}.
 *
 * <p>
 * Reading needs the role {@code TCP_GATEWAY_VIEWER} or {@code TCP_GATEWAY_ADMIN}, a state
 * change {@code TCP_GATEWAY_ADMIN}, as for every endpoint under the gateway's management
 * security; each change is audited on logger {@code io.tcpgateway.audit}.
 */
@WebEndpoint(id = "tcpupstreams")
class TcpUpstreamsEndpoint {

	private static final int STATUS_BAD_REQUEST = 400;

	private final UpstreamClient client;

	TcpUpstreamsEndpoint(UpstreamClient client) {
		this.client = client;
	}

	@ReadOperation
	public Map<String, Object> upstreams() {
		ForwardTcpSettings settings = this.client.settings();
		Map<String, UpstreamDescriptor> upstreams = new LinkedHashMap<>();
		for (Upstream upstream : this.client.upstreams().all()) {
			upstreams.put(upstream.key(), UpstreamDescriptor.of(upstream));
		}
		return Map.of("mode", EnumNames.kebabCase(settings.mode()), "balance",
				EnumNames.kebabCase(settings.pool().balance()), "connections", this.client.openConnections(),
				"upstreams", upstreams);
	}

	@ReadOperation
	public WebEndpointResponse<Object> upstream(@Selector String upstream) {
		Upstream found = this.client.upstreams().find(upstream);
		return (found != null) ? new WebEndpointResponse<>(UpstreamDescriptor.of(found))
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * @param state {@code drain} or {@code active}
	 */
	@WriteOperation
	public WebEndpointResponse<Object> state(@Selector String upstream, @Nullable String state) {
		boolean drain = "drain".equals(state);
		if (!drain && !"active".equals(state)) {
			return new WebEndpointResponse<>(Map.of("error", "state must be drain or active"), STATUS_BAD_REQUEST);
		}
		Upstream found = this.client.upstreams().find(upstream);
		if (found == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		found.drain(drain);
		return new WebEndpointResponse<>(UpstreamDescriptor.of(found));
	}

}
