package io.tcpgateway.forward.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.framing.Framing;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;

/**
 * The bridge's own threads for what runs on a schedule, never on an event loop: the
 * active health checks of every upstream, each every {@code health-check.interval}, and
 * the resolution of the upstreams' names every {@code resolve-interval}.
 *
 * <p>
 * A check is a blocking connection within {@code health-check.timeout}, over TLS when
 * {@code ssl.bundle} is set (its handshake within that timeout too); with {@code send} it
 * writes that text in the upstream's framing, and with {@code expect} reads as much of
 * one frame as tells whether it starts with it, all within the one timeout
 * ({@link HealthCheckReply}). Two threads ({@code tcp-gateway-forward-health-}) run the
 * checks, one at a time per upstream: a check that waits for a dead upstream's timeout
 * holds up neither the others nor the next round of its own. Made by {@link #start()},
 * from the bridge's lifecycle.
 */
final class UpstreamHealthChecker {

	private static final int THREADS = 2;

	private final Upstreams upstreams;

	private final UpstreamPoolSettings.HealthCheckSettings check;

	private final AbstractByteArraySerializer codec;

	/** TLS to the upstreams, {@code null} without {@code ssl.bundle}. */
	private final UpstreamTls tls;

	/** Reads the reply, {@code null} without {@code expect}. */
	private final HealthCheckReply reply;

	/**
	 * The upstreams whose check is under way: a slow one is not checked twice at once.
	 */
	private final Map<Upstream, Boolean> checking = new ConcurrentHashMap<>();

	private volatile ScheduledThreadPoolExecutor threads;

	/**
	 * @param codec writes {@code send} in the upstreams' framing
	 * @param tls TLS to the upstreams, {@code null} for none
	 */
	UpstreamHealthChecker(Upstreams upstreams, Framing framing, AbstractByteArraySerializer codec,
			@Nullable UpstreamTls tls) {
		this.upstreams = upstreams;
		this.tls = tls;
		this.check = upstreams.settings().check();
		this.codec = codec;
		this.reply = (this.check.expect() != null) ? new HealthCheckReply(framing, this.check.expect()) : null;
	}

	void start() {
		ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(THREADS,
				GatewayThreadFactory.platform("tcp-gateway-forward-health-", true));
		threads.setRemoveOnCancelPolicy(true);
		this.threads = threads;
		long resolveNanos = this.upstreams.settings().resolveInterval().toNanos();
		threads.scheduleWithFixedDelay(this.upstreams::resolve, resolveNanos, resolveNanos, TimeUnit.NANOSECONDS);
		if (this.check.enabled()) {
			long interval = this.check.interval().toNanos();
			threads.scheduleWithFixedDelay(this::checkAll, 0, interval, TimeUnit.NANOSECONDS);
		}
	}

	void stop() {
		ScheduledThreadPoolExecutor threads = this.threads;
		if (threads != null) {
			threads.shutdownNow();
		}
	}

	/**
	 * Queues the upstreams whose last attempt succeeded first: the checks of upstreams
	 * that drop connection attempts, each taking the whole timeout, then hold up the
	 * others' by one timeout at most, not by one per dead upstream.
	 */
	private void checkAll() {
		List<Upstream> all = new ArrayList<>(this.upstreams.all());
		all.sort(Comparator
			.comparing((upstream) -> !Boolean.TRUE.equals(upstream.reachability().lastAttemptSucceeded())));
		for (Upstream upstream : all) {
			if (this.checking.putIfAbsent(upstream, Boolean.TRUE) == null) {
				try {
					this.threads.execute(() -> {
						try {
							checkNow(upstream);
						}
						finally {
							this.checking.remove(upstream);
						}
					});
				}
				catch (RejectedExecutionException ex) {
					// stopping
					this.checking.remove(upstream);
				}
			}
		}
	}

	/**
	 * Check one upstream on this thread and record the outcome.
	 */
	void checkNow(Upstream upstream) {
		String error = probe(upstream);
		if (error == null) {
			upstream.reachability().succeeded();
			upstream.health().passed(true);
		}
		else {
			upstream.reachability().failed(error);
			upstream.health().failed(true, error);
		}
	}

	/**
	 * @return {@code null} when the upstream passed, else why not
	 */
	private String probe(Upstream upstream) {
		int timeout = (int) Math.max(1, this.check.timeout().toMillis());
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
		try (Socket plain = new Socket()) {
			plain.connect(upstream.address(), timeout);
			Socket socket = (this.tls != null) ? handshake(plain, upstream, deadline) : plain;
			if (this.check.send() != null) {
				OutputStream output = new BufferedOutputStream(socket.getOutputStream());
				this.codec.serialize(this.check.send(), output);
				output.flush();
			}
			if (this.reply != null) {
				return this.reply.read(socket, deadline);
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return UpstreamUnavailableException.reason(ex);
		}
	}

	/**
	 * The check speaks TLS as the clients' connections do: a plaintext check would fail
	 * against an upstream that expects a handshake, and would not find a certificate the
	 * bundle does not trust.
	 */
	private Socket handshake(Socket plain, Upstream upstream, long deadline) throws IOException {
		SSLSocket socket = this.tls.wrap(plain, upstream);
		socket.setSoTimeout(HealthCheckReply.remainingMillis(deadline));
		socket.startHandshake();
		return socket;
	}

}
