package io.tcpgateway.forward.tcp;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import io.tcpgateway.connection.FatalErrors;
import io.tcpgateway.limits.RateLimitedLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNioClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Opens and watches the bridge's connections to its upstreams, for both modes, on one
 * Spring Integration {@link TcpNioClientConnectionFactory} whatever the number of
 * upstreams (see {@link UpstreamConnectionFactory}).
 *
 * <p>
 * Why these components:
 * <ul>
 * <li>One factory with {@code singleUse=true} hands out a new connection on each
 * {@code getConnection()}, all on its one selector thread; a factory per client would
 * cost a selector thread per client.</li>
 * <li>NIO rather than {@code TcpNetClientConnectionFactory}: a blocking connection holds
 * a reading thread for its whole life, that is a thread per client in per-connection
 * mode.</li>
 * <li>Not {@code TcpOutboundGateway}, {@code CachingClientConnectionFactory} or
 * {@code FailoverClientConnectionFactory}: the gateway lets one request at a time use a
 * connection, and its caller's thread waits for the reply (a handler thread per request
 * in flight); the caching factory blocks for a free connection; the failover factory
 * tries its upstreams in a fixed order and knows nothing of their health. The bridge
 * instead keeps its own order of requests per connection (shared mode) or none at all
 * (per-connection mode), through this factory's one {@link TcpListener}, and learns of
 * closed connections as its {@link TcpSender}.</li>
 * <li>Frames are cut by Spring Integration's codecs ({@code TcpCodecs}) for the
 * upstream's framing, and assembled in order by {@link OrderedNioConnectionSupport}.</li>
 * </ul>
 *
 * <p>
 * Its threads are {@link UpstreamThreads}, made by {@link #start()}; at most
 * {@value #MAX_CONNECTS_WAITING} connection attempts wait for a connect thread.
 */
final class UpstreamClient implements TcpListener, TcpSender {

	private static final Log logger = LogFactory.getLog(UpstreamClient.class);

	/**
	 * Connection attempts that may wait for a connect thread. While the upstream accepts,
	 * an attempt takes a round trip and 256 drain in moments; while it does not, attempts
	 * time out, the backoff starts and the waiting ones fail at once. Only a burst of
	 * clients against an upstream that accepts slowly fills it: the clients past it are
	 * refused then, rather than waiting minutes for a connection.
	 */
	static final int MAX_CONNECTS_WAITING = 256;

	/** An open upstream connection: what it is bridged to and where it goes. */
	private record Bridged(UpstreamLink link, Upstream upstream) {
	}

	private final ForwardTcpSettings settings;

	private final Upstreams upstreams;

	private final ForwardTcpMetrics metrics;

	private final RateLimitedLog overloaded = new RateLimitedLog(logger);

	private final Map<String, Bridged> links = new ConcurrentHashMap<>();

	/**
	 * The link of the connection being opened on this thread: Spring Integration tells
	 * its senders of a new connection from the connecting thread, before the connection
	 * reads anything, so a frame the upstream sends at once finds its link.
	 */
	private final ThreadLocal<Bridged> connecting = new ThreadLocal<>();

	private final BeanFactory beanFactory;

	/** Made by {@link #start()}. */
	private volatile UpstreamThreads threads;

	/** Made by {@link #start()}. */
	private volatile UpstreamConnectionFactory factory;

	UpstreamClient(ForwardTcpSettings settings, Upstreams upstreams, ForwardTcpMetrics metrics,
			BeanFactory beanFactory) {
		this.settings = settings;
		this.upstreams = upstreams;
		this.metrics = metrics;
		this.beanFactory = beanFactory;
	}

	void start() {
		UpstreamThreads threads = new UpstreamThreads(this.settings.threads(), MAX_CONNECTS_WAITING);
		this.factory = UpstreamConnectionFactory.of(this.settings, threads, this, this.beanFactory);
		this.threads = threads;
		this.factory.start();
	}

	void stop() {
		UpstreamConnectionFactory factory = this.factory;
		if (factory != null) {
			factory.stop();
			this.threads.shutdownNow();
		}
	}

	ForwardTcpSettings settings() {
		return this.settings;
	}

	Upstreams upstreams() {
		return this.upstreams;
	}

	ForwardTcpMetrics metrics() {
		return this.metrics;
	}

	/**
	 * @return the number of upstream connections open now, to every upstream
	 */
	int openConnections() {
		return this.links.size();
	}

	/**
	 * @return connection attempts waiting for a connect thread now
	 */
	int connectsWaiting() {
		UpstreamThreads threads = this.threads;
		return (threads != null) ? threads.connects.getQueue().size() : 0;
	}

	/**
	 * Run connection attempts on the connect pool: with {@value #MAX_CONNECTS_WAITING}
	 * attempts already waiting for a connect thread, fail at once as if no upstream were
	 * available.
	 *
	 * <p>
	 * Cancelling the returned future (a client that left) takes its attempt out of the
	 * queue, so no connection is made for it; should the connection open just as it is
	 * cancelled, it is closed at once.
	 * @param attempts the attempts, made on a connect thread: one upstream, or several in
	 * turn
	 * @return the connection, or a failure once the attempts failed
	 */
	CompletableFuture<TcpConnection> connect(Callable<TcpConnection> attempts) {
		CompletableFuture<TcpConnection> result = new CompletableFuture<>();
		Runnable attempt = () -> {
			if (result.isDone()) {
				return;
			}
			try {
				TcpConnection connection = attempts.call();
				if (!result.complete(connection) && connection != null) {
					connection.close();
				}
			}
			catch (Throwable ex) {
				// whatever it is, the link waiting on the result must hear of it
				result.completeExceptionally(ex);
				FatalErrors.rethrowIfFatal(ex);
			}
		};
		try {
			this.threads.connects.execute(attempt);
		}
		catch (RejectedExecutionException ex) {
			this.metrics.error(ForwardTcpMetrics.Error.OVERLOADED);
			this.overloaded.warn((count) -> count + " client(s) refused: " + MAX_CONNECTS_WAITING
					+ " connection attempts to the upstreams " + this.upstreams.settings().describe()
					+ " were already waiting");
			result.completeExceptionally(new UpstreamUnavailableException(
					"too many connection attempts waiting (" + MAX_CONNECTS_WAITING + ")"));
			return result;
		}
		result.whenComplete((connection, failure) -> {
			if (result.isCancelled()) {
				this.threads.connects.remove(attempt);
			}
		});
		return result;
	}

	/**
	 * One connection attempt to one upstream, on this (connect) thread; its outcome
	 * counts for the upstream's health and backoff.
	 * @return the connection, or {@code null} when not made: see
	 * {@link Upstream#startAttempt()}
	 * @throws UpstreamUnavailableException when it failed
	 */
	TcpConnection attempt(UpstreamLink link, Upstream upstream) {
		if (!upstream.startAttempt()) {
			return null;
		}
		this.connecting.set(new Bridged(link, upstream));
		try {
			return this.factory.connectTo(upstream);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted connecting to " + upstream.key());
		}
		catch (RuntimeException ex) {
			String error = UpstreamUnavailableException.reason(ex);
			if (Thread.currentThread().isInterrupted() || this.threads.connects.isShutdown()) {
				// the bridge is stopping: says nothing of the upstream
				throw new UpstreamUnavailableException("interrupted connecting to " + upstream.key());
			}
			upstream.connectFailed(error);
			throw new UpstreamUnavailableException(error);
		}
		finally {
			this.connecting.remove();
			upstream.endAttempt();
		}
	}

	/**
	 * @return whether the frame was written; a failed write closes the connection, which
	 * its link then hears of
	 */
	boolean send(TcpConnection connection, byte[] payload) {
		try {
			connection.send(new GenericMessage<>(payload));
			Bridged bridged = this.links.get(connection.getConnectionId());
			if (bridged != null) {
				bridged.upstream().metrics().sent(payload.length);
			}
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Write to upstream connection " + connection.getConnectionId() + " failed", ex);
			return false;
		}
	}

	@Override
	public void onMessage(Message<?> message) {
		String id = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		Bridged bridged = (id != null) ? this.links.get(id) : null;
		// an ErrorMessage stands for a failed read: the close that follows tells the link
		if (bridged != null && message.getPayload() instanceof byte[] payload) {
			bridged.upstream().metrics().received(payload.length);
			bridged.link().upstreamMessage(payload);
		}
	}

	@Override
	public void addNewConnection(TcpConnection connection) {
		Bridged bridged = this.connecting.get();
		if (bridged != null) {
			// counted here, on the connecting thread, before anything can close it
			this.links.put(connection.getConnectionId(), bridged);
			bridged.upstream().opened();
			bridged.link().upstreamOpened(connection.getConnectionId(), bridged.upstream());
		}
	}

	/**
	 * The link is told, and forgotten, only once the frames read before the close have
	 * reached it: until then they still look it up.
	 */
	@Override
	public void removeDeadConnection(TcpConnection connection) {
		String id = connection.getConnectionId();
		if (!this.links.containsKey(id)) {
			return;
		}
		Runnable closed = () -> {
			Bridged bridged = this.links.remove(id);
			if (bridged != null) {
				bridged.upstream().closed();
				bridged.link().upstreamClosed(bridged.upstream());
			}
		};
		if (connection instanceof OrderedAssembly.InOrder ordered) {
			ordered.afterAssembly(closed);
		}
		else {
			closed.run();
		}
	}

}
