package io.tcpgateway.connection.nio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.connection.StalledLoop;

/**
 * The event loops of the NIO server, threads {@code tcp-gateway-loop-0} to {@code -N}:
 * each accepted connection is given to one of them, round robin, and served by it for its
 * whole life, so its frames and replies keep their order.
 */
final class EventLoopGroup {

	private final int size;

	/** The loops while the server runs; replaced on each start. */
	private volatile EventLoop[] loops = new EventLoop[0];

	/** The next loop to give a connection, modulo the loop count; any thread. */
	private final AtomicInteger next = new AtomicInteger();

	/**
	 * @param size the number of event loops, at least 1
	 */
	EventLoopGroup(int size) {
		if (size < 1) {
			throw new IllegalArgumentException("event loops (" + size + ") must be at least 1");
		}
		this.size = size;
	}

	/**
	 * @param readDelayNanos how long a paused read waits before it is tried again
	 */
	void start(long readDelayNanos) {
		EventLoop[] started = new EventLoop[this.size];
		for (int i = 0; i < this.size; i++) {
			started[i] = new EventLoop("tcp-gateway-loop-" + i, readDelayNanos);
			started[i].start();
		}
		this.loops = started;
	}

	void stop() {
		for (EventLoop loop : this.loops) {
			loop.stop();
		}
	}

	/**
	 * @return the loops whose current pass has taken longer than the timeout; any thread
	 */
	List<StalledLoop> stalled(Duration timeout) {
		long now = System.nanoTime();
		List<StalledLoop> stalled = new ArrayList<>();
		for (EventLoop loop : this.loops) {
			StalledLoop stall = loop.stalled(now, timeout.toNanos());
			if (stall != null) {
				stalled.add(stall);
			}
		}
		return stalled;
	}

	/**
	 * @return the loop for the next accepted connection
	 */
	EventLoop next() {
		EventLoop[] current = this.loops;
		return current[Math.floorMod(this.next.getAndIncrement(), current.length)];
	}

}
