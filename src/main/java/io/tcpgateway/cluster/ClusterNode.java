package io.tcpgateway.cluster;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionObserver;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.GatewayThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * This gateway as a node of the cluster: its connections' changes go to the
 * {@link DirectorySync}, which one cluster thread of its own runs. A batch gathers the
 * changes of {@link DirectorySync#LINGER_NANOS} after its first one, so that a
 * short-lived connection opens and closes within one batch and costs no command at all:
 * the directory shows a change that much later (it is eventually consistent anyway). A
 * graceful stop removes the node's entries at once.
 */
final class ClusterNode implements SmartLifecycle, ConnectionObserver {

	/**
	 * Stops just before the gateway's drain (Boot's graceful shutdown phase), so that the
	 * node leaves the directory before its connections are drained.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 + 1;

	private static final Log logger = LogFactory.getLog(ClusterNode.class);

	private final ConnectionRegistry registry;

	private final GatewayServer server;

	private final ClusterSettings settings;

	private final RedisLink link;

	private final DirectoryLayout layout;

	private final DirectoryWriter writer;

	private final PushReceiver receiver;

	private final DirectorySync sync;

	/** This node's id, once the listener is bound; written by the cluster thread. */
	private volatile String nodeId;

	private Thread thread;

	ClusterNode(ConnectionRegistry registry, GatewayServer server, ClusterSettings settings, RedisLink link,
			ClusterMetrics metrics, ClusterObservations observations) {
		this.registry = registry;
		this.server = server;
		this.settings = settings;
		this.link = link;
		this.layout = new DirectoryLayout(settings.keyPrefix());
		this.writer = new DirectoryWriter(link, this.layout, settings.entryTtl().toMillis());
		this.receiver = new PushReceiver(registry, metrics, settings.maxPushBytes(), observations);
		this.sync = new DirectorySync(registry, settings, link, this.layout, this.writer, this.receiver, metrics);
		this.nodeId = settings.nodeId();
		metrics.redisLink(link::isUp);
	}

	@Override
	public void opened(Connection connection) {
		this.sync.offer(new DirectoryChange.Opened(connection, true));
	}

	@Override
	public void clientKnown(Connection connection) {
		this.sync.offer(new DirectoryChange.Opened(connection, false));
	}

	@Override
	public void bound(Connection connection, String key) {
		this.sync.offer(new DirectoryChange.Bound(connection, key));
	}

	@Override
	public void closed(Connection connection, Set<String> keys) {
		this.sync.offer(new DirectoryChange.Closed(connection.getConnectionId(), keys));
	}

	@Override
	public void start() {
		this.sync.open();
		this.receiver.start();
		this.registry.observe(this);
		this.thread = GatewayThreadFactory.named("tcp-gateway-cluster", true, () -> this.sync.run(awaitNodeId()));
		this.thread.start();
	}

	/** The configured node id, or the host name and port once the listener is bound. */
	private String awaitNodeId() {
		if (this.nodeId != null) {
			return this.nodeId;
		}
		try {
			while (this.sync.isOpen() && !this.server.isListening()) {
				this.sync.pause(20, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.nodeId = NodeIds.derive(this.server.port());
		return this.nodeId;
	}

	@Override
	public void stop() {
		this.sync.close();
		Thread cluster = this.thread;
		if (cluster != null) {
			cluster.interrupt();
			try {
				cluster.join(this.settings.timeout().toMillis() + 1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String node = this.nodeId;
		if (node != null && this.link.isUp()) {
			try {
				this.writer.removeAll(node, this.registry.live());
				logger.info("Cluster node " + node + " left the directory");
			}
			catch (ClusterUnavailableException ex) {
				logger.warn("Cluster node " + node + " could not leave the directory; its entries expire within "
						+ this.settings.entryTtl().toSeconds() + "s: " + ex.getMessage());
			}
		}
		this.registry.observe(ConnectionObserver.NONE);
		this.receiver.stop();
		this.link.close();
	}

	@Override
	public boolean isRunning() {
		return this.sync.isOpen();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * @return this node's id, or {@code null} until the listener is bound
	 */
	String nodeId() {
		return this.nodeId;
	}

	boolean isRedisUp() {
		return this.link.isUp();
	}

	String lastFailure() {
		return this.link.lastFailure();
	}

	long lastRefreshed() {
		return this.sync.lastRefreshed();
	}

	int queuedChanges() {
		return this.sync.queuedChanges();
	}

	RedisLink link() {
		return this.link;
	}

	DirectoryLayout layout() {
		return this.layout;
	}

	PushReceiver receiver() {
		return this.receiver;
	}

}
