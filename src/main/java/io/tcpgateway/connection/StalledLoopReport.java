package io.tcpgateway.connection;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs an event loop that has stopped serving its connections, once, with where it is
 * stuck, and again when it runs again; liveness reports it too. The sweeper's thread
 * only.
 */
final class StalledLoopReport {

	private static final Log logger = LogFactory.getLog(ConnectionSweeper.class);

	private final ServerControls server;

	/** How long one pass of an event loop may take before it counts as stalled. */
	private final Duration loopStallTimeout;

	/** The loops reported stalled and not yet running again. */
	private final Set<String> stalledLoops = new HashSet<>();

	StalledLoopReport(ServerControls server, Duration loopStallTimeout) {
		this.server = server;
		this.loopStallTimeout = loopStallTimeout;
	}

	void report() {
		List<StalledLoop> stalledNow = this.server.stalledLoops(this.loopStallTimeout);
		if (stalledNow.isEmpty() && this.stalledLoops.isEmpty()) {
			return;
		}
		Set<String> stillStalled = new HashSet<>();
		for (StalledLoop stalled : stalledNow) {
			stillStalled.add(stalled.thread());
			if (this.stalledLoops.add(stalled.thread())) {
				StringBuilder at = new StringBuilder();
				stalled.at().forEach((frame) -> at.append(System.lineSeparator()).append("\tat ").append(frame));
				logger.error("Event loop " + stalled.thread() + " has not completed a pass for "
						+ stalled.stalledFor().toMillis() + " ms (tcp-gateway.selector.stall-timeout "
						+ this.loopStallTimeout.toMillis() + " ms): its connections are not served; it is at" + at);
			}
		}
		for (Iterator<String> reported = this.stalledLoops.iterator(); reported.hasNext();) {
			String thread = reported.next();
			if (!stillStalled.contains(thread)) {
				reported.remove();
				logger.info("Event loop " + thread + " is serving its connections again");
			}
		}
	}

}
