package io.tcpgateway.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The cluster thread's work: takes the connections' changes from a bounded queue (filled
 * by the I/O threads, never waiting), writes them to the directory in pipelined batches,
 * and refreshes every entry about every third of the TTL, connecting to Redis again
 * whenever it is away.
 */
final class DirectorySync {

	// the node's logger, which operators' log settings name
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

	/** Set by an I/O thread when a change was dropped, cleared by the cluster thread. */
	private volatile boolean repairNeeded;

	/** When the last refresh succeeded, epoch milliseconds; 0 before the first. */
	private volatile long lastRefreshed;

	private volatile boolean running;

	DirectorySync(ConnectionRegistry registry, ClusterSettings settings, RedisLink link, DirectoryLayout layout,
			DirectoryWriter writer, PushReceiver receiver, ClusterMetrics metrics) {
		this.registry = registry;
		this.settings = settings;
		this.link = link;
		this.layout = layout;
		this.writer = writer;
		this.receiver = receiver;
		this.metrics = metrics;
		this.changes = new ArrayBlockingQueue<>(settings.queueCapacity());
	}

	/** From now on changes are queued. */
	void open() {
		this.running = true;
	}

	/** Changes are no longer queued, and {@link #run} returns. */
	void close() {
		this.running = false;
		this.stopped.countDown();
	}

	boolean isOpen() {
		return this.running;
	}

	/**
	 * Called by the I/O threads: never waits; a change that finds the queue full is
	 * dropped.
	 */
	void offer(DirectoryChange change) {
		if (this.running && !this.changes.offer(change)) {
			this.metrics.directoryChangeDropped();
			this.repairNeeded = true;
		}
	}

	/**
	 * Waits the time given or until {@link #close()}.
	 */
	void pause(long timeout, TimeUnit unit) throws InterruptedException {
		this.stopped.await(timeout, unit);
	}

	/** The cluster thread's loop for the node of that id, until {@link #close()}. */
	void run(String node) {
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

	long lastRefreshed() {
		return this.lastRefreshed;
	}

	int queuedChanges() {
		return this.changes.size();
	}

}
