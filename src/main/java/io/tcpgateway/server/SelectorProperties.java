package io.tcpgateway.server;

import java.time.Duration;

/**
 * Tuning of the NIO selector loop and its workers.
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
	 * Threads that read, decode and dispatch messages besides the selector loop's own; 0
	 * does it all on the selector thread (an event loop). Defaults to the number of CPUs,
	 * or 0 on one CPU.
	 */
	private int workerThreads = defaultWorkerThreads();

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

	public int getWorkerThreads() {
		return this.workerThreads;
	}

	public void setWorkerThreads(int workerThreads) {
		this.workerThreads = workerThreads;
	}

	private static int defaultWorkerThreads() {
		// on one CPU a hand-off to another thread only adds a context switch per read
		int cpus = Runtime.getRuntime().availableProcessors();
		return (cpus > 1) ? cpus : 0;
	}

}
