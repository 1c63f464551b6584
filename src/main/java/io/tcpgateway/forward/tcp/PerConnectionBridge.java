package io.tcpgateway.forward.tcp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpConnectionContext;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.handler.TcpRequest;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

/**
 * Per-connection mode: each client gets its own upstream connection, opened when the
 * client connects and closed when it closes.
 *
 * <p>
 * The hooks are Spring Integration's open and close events of the gateway's own
 * connection factory: the open event comes before the client's first read, after the flow
 * has attached the client's context; opening the upstream connection is handed to the
 * connect pool so the gateway's I/O thread publishing the event never waits for it, and
 * cancelled when the client leaves before it is made. The handler blocks (its writes
 * upstream wait for the socket), so it runs on the gateway's handler pool, one frame of a
 * client at a time, in order.
 *
 * <p>
 * The upstream is picked by {@link Failover}, which tries others should it fail. Under
 * {@code client-hash} with the PROXY protocol on, the client's address is known only once
 * its PROXY header is read, after the open event: its upstream connection is then opened
 * when its first frame arrives.
 */
final class PerConnectionBridge implements TcpMessageHandler {

	private final String factoryName;

	private final ConnectionRegistry registry;

	private final UpstreamClient upstream;

	private final Failover failover;

	private final boolean byClientAddress;

	private final UpstreamObservations observations;

	private final Map<String, ClientLink> clients = new ConcurrentHashMap<>();

	PerConnectionBridge(AbstractServerConnectionFactory gatewayFactory, ConnectionRegistry registry,
			UpstreamClient upstream, UpstreamObservations observations) {
		this.factoryName = gatewayFactory.getComponentName();
		this.registry = registry;
		this.upstream = upstream;
		this.failover = new Failover(upstream);
		this.byClientAddress = upstream.upstreams().settings().balance() == Balance.CLIENT_HASH;
		this.observations = observations;
	}

	@EventListener
	void clientOpened(TcpConnectionOpenEvent event) {
		if (!this.factoryName.equals(event.getConnectionFactoryName())) {
			return;
		}
		Connection connection = this.registry.find(event.getConnectionId());
		TcpConnectionContext client = (connection != null) ? connection.context() : null;
		if (client == null) {
			// refused at accept: it gets no upstream
			return;
		}
		ClientLink link = new ClientLink(client, connection.session().observation(), this.upstream, this.observations);
		this.clients.put(client.id(), link);
		if (this.byClientAddress && connection.session().pendingProxyHeader() != null) {
			// its address is still the proxy's: wait for its first frame
			return;
		}
		connect(link);
	}

	private void connect(ClientLink link) {
		if (!link.startConnecting()) {
			return;
		}
		TcpConnectionContext client = link.client();
		CompletableFuture<TcpConnection> connecting = this.upstream
			.connect(() -> this.failover.connect(link, client.remoteAddress()));
		link.connecting(connecting);
		connecting.whenComplete((upstreamConnection, failure) -> {
			if (connecting.isCancelled()) {
				// the client left first: nothing to tell it
				return;
			}
			if (failure != null) {
				link.connectFailed();
			}
			else {
				link.connected(upstreamConnection);
			}
		});
	}

	@EventListener
	void clientClosed(TcpConnectionCloseEvent event) {
		if (!this.factoryName.equals(event.getConnectionFactoryName())) {
			return;
		}
		ClientLink link = this.clients.remove(event.getConnectionId());
		if (link != null) {
			link.clientClosed();
		}
	}

	@Override
	public void handle(TcpRequest request, ReplySink replies) {
		ClientLink link = this.clients.get(request.connection().id());
		if (link != null) {
			connect(link);
			link.clientMessage(request.payload(), replies);
		}
	}

}
