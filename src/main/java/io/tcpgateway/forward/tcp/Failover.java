package io.tcpgateway.forward.tcp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tcpgateway.limits.RateLimitedLog;
import io.tcpgateway.logging.LogSafe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * A client's way to an upstream in per-connection mode: the balancer picks one, and
 * should the attempt fail another up upstream is tried, up to
 * {@code forward.tcp.connect-attempts} in all, so that one dead instance goes unnoticed
 * by the clients. One WARN a minute at most names each upstream tried and why, for
 * clients that got another upstream and, apart, for clients closed because every attempt
 * failed.
 */
final class Failover {

	private static final Log logger = LogFactory.getLog(Failover.class);

	private final UpstreamClient client;

	private final Upstreams upstreams;

	private final int maxAttempts;

	private final RateLimitedLog exhausted = new RateLimitedLog(logger);

	private final RateLimitedLog recovered = new RateLimitedLog(logger);

	Failover(UpstreamClient client) {
		this.client = client;
		this.upstreams = client.upstreams();
		this.maxAttempts = client.upstreams().settings().connectAttempts();
	}

	/**
	 * Make the attempts, on this (connect) thread.
	 * @param link what the connection is bridged to
	 * @param clientAddress the client's address, as its PROXY header names it
	 * @return the connection
	 * @throws UpstreamUnavailableException when no attempt succeeded
	 */
	TcpConnection connect(UpstreamLink link, InetSocketAddress clientAddress) {
		Set<Upstream> tried = new HashSet<>();
		int attempts = 0;
		List<String> failures = new ArrayList<>();
		while (attempts < this.maxAttempts) {
			Upstream upstream = this.upstreams.choose(clientAddress, tried);
			if (upstream == null) {
				break;
			}
			tried.add(upstream);
			try {
				TcpConnection connection = this.client.attempt(link, upstream);
				if (connection == null) {
					// another attempt is finding out whether it is back: on to the next
					continue;
				}
				if (attempts++ > 0) {
					this.client.metrics().retried();
				}
				if (!failures.isEmpty()) {
					this.recovered.warn((count) -> count + " client(s) connected to another upstream after a failed"
							+ " attempt, the last from " + LogSafe.escape(clientAddress) + ": tried "
							+ String.join(", ", failures) + ", then " + upstream.key());
				}
				return connection;
			}
			catch (UpstreamUnavailableException ex) {
				if (attempts++ > 0) {
					this.client.metrics().retried();
				}
				// the error may carry what the upstream sent, such as a certificate's
				// names
				failures.add(upstream.key() + " (" + LogSafe.escape(ex.getMessage()) + ")");
			}
		}
		if (attempts == 0) {
			unavailable();
		}
		String why = failures.isEmpty() ? "no upstream is up or out of its backoff"
				: "tried " + String.join(", ", failures);
		this.exhausted.warn((count) -> count + " client(s) closed for want of an upstream, the last from "
				+ LogSafe.escape(clientAddress) + ": " + why + " (tcp-gateway.forward.tcp.connect-attempts="
				+ this.maxAttempts + ")");
		throw new UpstreamUnavailableException(why);
	}

	/**
	 * Count a client that found no upstream to try: against each upstream skipped for its
	 * backoff, as a connection attempt not made, or else as unavailable.
	 */
	private void unavailable() {
		boolean backingOff = false;
		for (Upstream upstream : this.upstreams.all()) {
			if (!upstream.isDraining() && !upstream.reachability().mayAttempt()) {
				upstream.metrics().error(ForwardTcpMetrics.Error.CONNECT);
				backingOff = true;
			}
		}
		if (!backingOff) {
			this.client.metrics().error(ForwardTcpMetrics.Error.UNAVAILABLE);
		}
	}

}
