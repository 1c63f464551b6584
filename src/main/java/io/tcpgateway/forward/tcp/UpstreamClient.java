package io.tcpgateway.forward.tcp;

import java.util.Map;
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
 * Opens and watches the bridge's connections to the upstream, for both modes, on one
 * Spring Integration {@link TcpNioClientConnectionFactory}.
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
 * needs several upstreams. The bridge instead keeps its own order of requests per
 * connection (shared mode) or none at all (per-connection mode), through this factory's
 * one {@link TcpListener}, and learns of closed connections as its
 * {@link TcpSender}.</li>
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

	private final ForwardTcpSettings settings;

	private final ForwardTcpMetrics metrics;

	private final UpstreamReachability reachability = new UpstreamReachability();

	private final RateLimitedLog connectFailures = new RateLimitedLog(logger);

	private final RateLimitedLog overloaded = new RateLimitedLog(logger);

	private final Map<String, UpstreamLink> links = new ConcurrentHashMap<>();

	/**
	 * The link of the connection being opened on this thread: Spring Integration tells
	 * its senders of a new connection from the connecting thread, before the connection
	 * reads anything, so a frame the upstream sends at once finds its link.
	 */
	private final ThreadLocal<UpstreamLink> connecting = new ThreadLocal<>();

	private final BeanFactory beanFactory;

	/** Made by {@link #start()}. */
	private volatile UpstreamThreads threads;

	/** Made by {@link #start()}. */
	private volatile UpstreamConnectionFactory factory;

	UpstreamClient(ForwardTcpSettings settings, ForwardTcpMetrics metrics, BeanFactory beanFactory) {
		this.settings = settings;
		this.metrics = metrics;
		this.beanFactory = beanFactory;
		metrics.watch(this.links::size);
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

	UpstreamReachability reachability() {
		return this.reachability;
	}

	/**
	 * @return the number of upstream connections open now
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
	 * Open a connection for a link, on the connect pool; during a backoff after a failed
	 * attempt, fail at once without trying; with {@value #MAX_CONNECTS_WAITING} attempts
	 * already waiting for a connect thread, fail at once as if the upstream were
	 * unavailable.
	 *
	 * <p>
	 * Cancelling the returned future (a client that left) takes its attempt out of the
	 * queue, so no connection is made for it; should the connection open just as it is
	 * cancelled, it is closed at once.
	 * @return the connection, or a failure once the attempt failed
	 */
	CompletableFuture<TcpConnection> connect(UpstreamLink link) {
		CompletableFuture<TcpConnection> result = new CompletableFuture<>();
		Runnable attempt = () -> {
			if (result.isDone()) {
				return;
			}
			try {
				TcpConnection connection = attempt(link);
				if (!result.complete(connection)) {
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
					+ " connection attempts to the upstream " + this.settings.address() + " were already waiting");
			result.completeExceptionally(new UpstreamUnavailableException("too many connection attempts to "
					+ this.settings.address() + " waiting (" + MAX_CONNECTS_WAITING + ")"));
			return result;
		}
		result.whenComplete((connection, failure) -> {
			if (result.isCancelled()) {
				this.threads.connects.remove(attempt);
			}
		});
		return result;
	}

	private TcpConnection attempt(UpstreamLink link) {
		if (!this.reachability.mayAttempt()) {
			this.metrics.error(ForwardTcpMetrics.Error.CONNECT);
			throw new UpstreamUnavailableException(
					"upstream " + this.settings.address() + " is unreachable: " + this.reachability.lastError());
		}
		this.connecting.set(link);
		try {
			TcpConnection connection = this.factory.getConnection();
			this.reachability.succeeded();
			this.metrics.connected();
			return connection;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailableException("interrupted connecting to " + this.settings.address());
		}
		catch (RuntimeException ex) {
			String error = describe(ex);
			this.reachability.failed(error);
			this.metrics.error(ForwardTcpMetrics.Error.CONNECT);
			this.connectFailures.warn((count) -> count + " connection attempt(s) to the upstream "
					+ this.settings.address() + " (tcp-gateway.forward.tcp.host) failed, the last: " + error);
			throw new UpstreamUnavailableException("cannot connect to " + this.settings.address() + ": " + error);
		}
		finally {
			this.connecting.remove();
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null)
				? cause.getClass().getSimpleName() + ": " + io.tcpgateway.logging.LogSafe.escape(cause.getMessage())
				: cause.getClass().getSimpleName();
	}

	/**
	 * @return whether the frame was written; a failed write closes the connection, which
	 * its link then hears of
	 */
	boolean send(TcpConnection connection, byte[] payload) {
		try {
			connection.send(new GenericMessage<>(payload));
			this.metrics.sent();
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
		UpstreamLink link = (id != null) ? this.links.get(id) : null;
		// an ErrorMessage stands for a failed read: the close that follows tells the link
		if (link != null && message.getPayload() instanceof byte[] payload) {
			this.metrics.received();
			link.upstreamMessage(payload);
		}
	}

	@Override
	public void addNewConnection(TcpConnection connection) {
		UpstreamLink link = this.connecting.get();
		if (link != null) {
			this.links.put(connection.getConnectionId(), link);
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
			UpstreamLink link = this.links.remove(id);
			if (link != null) {
				link.upstreamClosed();
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
