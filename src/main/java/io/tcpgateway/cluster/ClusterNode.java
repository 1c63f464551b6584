package io.tcpgateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.Connection;
import io.tcpgateway.connection.ConnectionObserver;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * This gateway as a node of the cluster: its connections' changes go into a bounded queue
 * (from the I/O threads, never waiting), and one cluster thread of its own connects to
 * Redis, writes them in pipelined batches, and refreshes every entry about every third of
 * the TTL. A batch gathers the changes of {@link #LINGER_NANOS} after its first one, so
 * that a short-lived connection opens and closes within one batch and costs no command at
 * all: the directory shows a change that much later (it is eventually consistent anyway).
 * A graceful stop removes the node's entries at once.
 */
final class ClusterNode implements SmartLifecycle, ConnectionObserver {

	/**
	 * Stops just before the gateway's drain (Boot's graceful shutdown phase), so that the
	 * node leaves the directory before its connections are drained.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 + 1;

	private static final Log logger = LogFactory.getLog(ClusterNode.class);

	/** Changes written in one pipeline at most. */
	private static final int BATCH = 1024;

	/**
	 * How long a batch gathers changes after its first: the delay before a change shows
	 * in the directory, and the span within which an opened and closed connection costs
	 * nothing.
	 */
	static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/** Wait between attempts to reach Redis, at most. */
	private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ConnectionRegistry registry;

	private final GatewayServer server;

	private final ClusterSettings settings;

	private final RedisLink link;

	private final DirectoryLayout layout;

	private final DirectoryWriter writer;

	private final PushReceiver receiver;

	private final ClusterMetrics metrics;

	/** Filled by the I/O threads, drained by the cluster thread. */
	private final BlockingQueue<DirectoryChange> changes;

	private final RateLimitedLog failures = new RateLimitedLog(logger);

	private final CountDownLatch stopped = new CountDownLatch(1);

	/** This node's id, once the listener is bound; written by the cluster thread. */
	private volatile String nodeId;

	/** Set by an I/O thread when a change was dropped, cleared by the cluster thread. */
	private volatile boolean repairNeeded;

	/** When the last refresh succeeded, epoch milliseconds; 0 before the first. */
	private volatile long lastRefreshed;

	private volatile boolean running;

	private Thread thread;

	ClusterNode(ConnectionRegistry registry, GatewayServer server, ClusterSettings settings, RedisLink link,
			ClusterMetrics metrics) {
		this.registry = registry;
		this.server = server;
		this.settings = settings;
		this.link = link;
		this.layout = new DirectoryLayout(settings.keyPrefix());
		this.writer = new DirectoryWriter(link, this.layout, settings.entryTtl().toMillis());
		this.receiver = new PushReceiver(registry, metrics, settings.maxPushBytes());
		this.metrics = metrics;
		this.changes = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.nodeId = settings.nodeId();
	}

	@Override
	public void opened(Connection connection) {
		offer(new DirectoryChange.Opened(connection, true));
	}

	@Override
	public void clientKnown(Connection connection) {
		offer(new DirectoryChange.Opened(connection, false));
	}

	@Override
	public void bound(Connection connection, String key) {
		offer(new DirectoryChange.Bound(connection, key));
	}

	@Override
	public void closed(Connection connection, Set<String> keys) {
		offer(new DirectoryChange.Closed(connection.getConnectionId(), keys));
	}

	private void offer(DirectoryChange change) {
		if (this.running && !this.changes.offer(change)) {
			this.metrics.directoryChangeDropped();
			this.repairNeeded = true;
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.registry.observe(this);
		this.thread = GatewayThreadFactory.named("tcp-gateway-cluster", true, this::run);
		this.thread.start();
	}

	private void run() {
		String node = awaitNodeId();
		boolean wasUp = false;
		long nextRefresh = 0;
		// the changes at the head of the queue that were there before the last refresh
		// ended: it may have written their connections
		int beforeRefresh = 0;
		List<DirectoryChange> batch = new ArrayList<>(BATCH);
		try {
			while (this.running) {
				if (!this.link.isUp()) {
					// rejected while Redis is away: the refresh once it is back writes
					// all
					this.changes.clear();
					beforeRefresh = 0;
					wasUp = false;
					if (!this.link.connect(this.layout.channel(node), this.receiver::received) || !this.link.isUp()) {
						this.stopped.await(RETRY_NANOS, TimeUnit.NANOSECONDS);
						continue;
					}
					logger.info("Cluster node " + node + " connected to Redis");
				}
				if (!wasUp) {
					wasUp = true;
					nextRefresh = System.nanoTime();
				}
				long now = System.nanoTime();
				if (this.repairNeeded || now - nextRefresh >= 0) {
					this.repairNeeded = false;
					nextRefresh = now + (refresh(node) ? this.settings.refreshInterval().toNanos()
							: Math.min(RETRY_NANOS, this.settings.refreshInterval().toNanos()));
					beforeRefresh = this.changes.size();
					continue;
				}
				DirectoryChange first = this.changes.poll(nextRefresh - now, TimeUnit.NANOSECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				// a sleep, not a poll per change: the I/O threads' offers wake no one
				this.stopped.await(LINGER_NANOS, TimeUnit.NANOSECONDS);
				this.changes.drainTo(batch, BATCH - 1);
				int coalescableFrom = beforeRefresh;
				beforeRefresh = Math.max(0, beforeRefresh - batch.size());
				try {
					this.writer.write(node, batch, coalescableFrom);
				}
				catch (ClusterUnavailableException ex) {
					this.repairNeeded = true;
					this.failures.warn((count) -> count + " cluster directory write(s) failed; the next refresh "
							+ "repairs them: " + ex.getMessage());
				}
				finally {
					batch.clear();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean refresh(String node) {
		try {
			this.writer.refresh(node, this.registry.live());
			this.lastRefreshed = System.currentTimeMillis();
			return true;
		}
		catch (ClusterUnavailableException ex) {
			this.failures.warn((count) -> count + " cluster directory refresh(es) failed: " + ex.getMessage());
			return false;
		}
	}

	/** The configured node id, or the host name and port once the listener is bound. */
	private String awaitNodeId() {
		if (this.nodeId != null) {
			return this.nodeId;
		}
		try {
			while (this.running && !this.server.isListening()) {
				this.stopped.await(20, TimeUnit.MILLISECONDS);
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
		this.running = false;
		this.stopped.countDown();
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
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * @return this node's id, or {@code null} until the listener is bound
	 */
	public String nodeId() {
		return this.nodeId;
	}

	boolean isRedisUp() {
		return this.link.isUp();
	}

	String lastFailure() {
		return this.link.lastFailure();
	}

	long lastRefreshed() {
		return this.lastRefreshed;
	}

	int queuedChanges() {
		return this.changes.size();
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
