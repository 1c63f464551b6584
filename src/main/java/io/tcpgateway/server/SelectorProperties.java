package io.tcpgateway.server;

import java.time.Duration;

/**
 * Tuning of the NIO event loops.
 */
public class SelectorProperties {

	/**
	 * Read into a direct (off-heap) buffer per reading thread, which spares the JDK a
	 * copy of each read.
	 */
	private boolean directBuffers = true;

	/** Accept every pending connection on each accept event, not just one. */
	private boolean multiAccept = true;

	/**
	 * How long to wait before retrying a read that was postponed (no free worker, or
	 * replies backed up).
	 */
	private Duration readDelay = Duration.ofMillis(100);

	/**
	 * Event loops (threads with a selector each) that read, decode, dispatch and write;
	 * each connection is served by one of them for its whole life. Defaults to the number
	 * of CPUs.
	 */
	private int eventLoops = Runtime.getRuntime().availableProcessors();

	/**
	 * How long one pass of an event loop may take (a handler that blocks it, say) before
	 * the loop counts as stalled: logged, and liveness DOWN until it runs again.
	 */
	private Duration stallTimeout = Duration.ofSeconds(10);

	public boolean isDirectBuffers() {
		return this.directBuffers;
	}

	public void setDirectBuffers(boolean directBuffers) {
		this.directBuffers = directBuffers;
	}

	public boolean isMultiAccept() {
		return this.multiAccept;
	}

	public void setMultiAccept(boolean multiAccept) {
		this.multiAccept = multiAccept;
	}

	public Duration getReadDelay() {
		return this.readDelay;
	}

	public void setReadDelay(Duration readDelay) {
		this.readDelay = readDelay;
	}

	public int getEventLoops() {
		return this.eventLoops;
	}

	public void setEventLoops(int eventLoops) {
		this.eventLoops = eventLoops;
	}

	public Duration getStallTimeout() {
		return this.stallTimeout;
	}

	public void setStallTimeout(Duration stallTimeout) {
		this.stallTimeout = stallTimeout;
	}

}
