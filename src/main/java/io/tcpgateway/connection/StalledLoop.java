package io.tcpgateway.connection;

import java.time.Duration;
import java.util.List;

/**
 * An event loop that has not completed a pass of its work for longer than it may: its
 * connections are not being served.
 *
 * @param thread the loop's thread
 * @param stalledFor how long the pass it is in has been running
 * @param at the top frames of the loop thread's stack, where it is stuck
 */
public record StalledLoop(String thread, Duration stalledFor, List<StackTraceElement> at) {

	/** Stack frames kept, enough to see the handler or lock a loop is stuck in. */
	public static final int FRAMES = 12;

}
