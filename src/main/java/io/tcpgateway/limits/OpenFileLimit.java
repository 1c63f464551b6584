package io.tcpgateway.limits;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * The process's open-file limit against what the gateway may need at
 * {@code max-connections}: one descriptor per client connection, one more per client when
 * each has an upstream connection of its own, and a reserve for everything else.
 */
public final class OpenFileLimit {

	/**
	 * Descriptors besides the connections: the jars of an extracted image (about 90 in
	 * {@code lib/}, each held open by the class loader), selectors and their pipes, the
	 * two HTTP listeners and a few Actuator connections, log files, the shared upstream
	 * pool; about 100 of them on a started gateway, so twice that leaves room.
	 */
	static final int RESERVE = 200;

	private OpenFileLimit() {
	}

	/**
	 * @return the soft open-file limit of this process, where the JVM tells it (on Unix)
	 */
	public static OptionalLong current() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			return OptionalLong.of(unix.getMaxFileDescriptorCount());
		}
		return OptionalLong.empty();
	}

	/**
	 * @param limit the open-file limit
	 * @param maxConnections the most client connections admitted
	 * @param upstreamConnections the most upstream connections the forwarding bridge
	 * opens
	 * @return the warning to log, or {@code null} when the limit is enough
	 */
	public static String warning(long limit, int maxConnections, int upstreamConnections) {
		long needed = (long) maxConnections + upstreamConnections + RESERVE;
		if (limit >= needed) {
			return null;
		}
		return "The open-file limit (" + limit + ") is below what tcp-gateway.max-connections (" + maxConnections
				+ ") needs: " + needed + " descriptors (" + maxConnections + " connections"
				+ ((upstreamConnections > 0) ? " + " + upstreamConnections + " upstream connections" : "") + " + "
				+ RESERVE + " for the gateway itself); past it new connections fail to be accepted. Raise the limit"
				+ " (ulimit -n, LimitNOFILE=, the container runtime's nofile) or lower tcp-gateway.max-connections";
	}

}
