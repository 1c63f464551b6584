package io.tcpgateway.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.connection.IoMode;
import io.tcpgateway.flow.HandlerErrorPolicy;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.limits.SlowConsumerPolicy;
import io.tcpgateway.proxy.ProxyProtocolMode;
import io.tcpgateway.tls.ClientAuth;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the TCP gateway, under {@code tcp-gateway.*}; checked by
 * {@link TcpGatewayPropertiesValidator} as they are bound, so a bad value fails startup
 * naming the property.
 */
@ConfigurationProperties("tcp-gateway")
@Validated
public class TcpGatewayProperties implements Validator {

	/** TCP port to listen on; 0 picks a free port. */
	@Min(0)
	@Max(65535)
	private int port = 9000;

	/** Address to bind to; all interfaces when not set. */
	private InetAddress host;

	/** Maximum number of connections waiting to be accepted by the operating system. */
	@Min(1)
	private int backlog = 1000;

	/**
	 * Socket I/O model: nio (one selector for all connections) or net (a thread per
	 * connection).
	 */
	@NotNull
	private IoMode ioMode = IoMode.NIO;

	/** How messages are delimited on the stream. */
	@NotNull
	private Framing framing = Framing.CRLF;

	/** Largest payload of one frame; a longer frame closes its connection. */
	@NotNull
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Connections served at once; a connection past the limit is closed as soon as it is
	 * accepted.
	 */
	@Min(1)
	private int maxConnections = 10_000;

	/** Connections served at once from one client address; unlimited when not set. */
	@Min(1)
	private Integer maxConnectionsPerClient;

	/**
	 * Close a connection whose client has sent nothing for this long, unless replies are
	 * still being written to it; 0 turns it off.
	 */
	@NotNull
	private Duration idleTimeout = Duration.ofMinutes(5);

	private final Socket socket = new Socket();

	private final Selector selector = new Selector();

	private final Outbound outbound = new Outbound();

	private final Shutdown shutdown = new Shutdown();

	private final Ssl ssl = new Ssl();

	private final Handler handler = new Handler();

	private final ProxyProtocol proxyProtocol = new ProxyProtocol();

	@Override
	public boolean supports(Class<?> type) {
		return TcpGatewayProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		TcpGatewayPropertiesValidator.validate((TcpGatewayProperties) target, errors);
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public InetAddress getHost() {
		return this.host;
	}

	public void setHost(InetAddress host) {
		this.host = host;
	}

	public int getBacklog() {
		return this.backlog;
	}

	public void setBacklog(int backlog) {
		this.backlog = backlog;
	}

	public IoMode getIoMode() {
		return this.ioMode;
	}

	public void setIoMode(IoMode ioMode) {
		this.ioMode = ioMode;
	}

	public Framing getFraming() {
		return this.framing;
	}

	public void setFraming(Framing framing) {
		this.framing = framing;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Integer getMaxConnectionsPerClient() {
		return this.maxConnectionsPerClient;
	}

	public void setMaxConnectionsPerClient(Integer maxConnectionsPerClient) {
		this.maxConnectionsPerClient = maxConnectionsPerClient;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public ProxyProtocol getProxyProtocol() {
		return this.proxyProtocol;
	}

	public Handler getHandler() {
		return this.handler;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Socket getSocket() {
		return this.socket;
	}

	public Selector getSelector() {
		return this.selector;
	}

	public Outbound getOutbound() {
		return this.outbound;
	}

	/**
	 * Options set on each accepted socket.
	 */
	public static class Socket {

		/** Disable Nagle's algorithm so small replies go out at once. */
		private boolean tcpNoDelay = true;

		/** Send TCP keep-alive probes on idle connections. */
		private boolean keepAlive = false;

		/**
		 * Socket receive buffer size (SO_RCVBUF); the operating system's default when not
		 * set.
		 */
		private DataSize receiveBufferSize;

		/**
		 * Socket send buffer size (SO_SNDBUF); the operating system's default when not
		 * set.
		 */
		private DataSize sendBufferSize;

		public boolean isTcpNoDelay() {
			return this.tcpNoDelay;
		}

		public void setTcpNoDelay(boolean tcpNoDelay) {
			this.tcpNoDelay = tcpNoDelay;
		}

		public boolean isKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(boolean keepAlive) {
			this.keepAlive = keepAlive;
		}

		public DataSize getReceiveBufferSize() {
			return this.receiveBufferSize;
		}

		public void setReceiveBufferSize(DataSize receiveBufferSize) {
			this.receiveBufferSize = receiveBufferSize;
		}

		public DataSize getSendBufferSize() {
			return this.sendBufferSize;
		}

		public void setSendBufferSize(DataSize sendBufferSize) {
			this.sendBufferSize = sendBufferSize;
		}

	}

	/**
	 * Tuning of the NIO selector loop and its workers.
	 */
	public static class Selector {

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
		 * Threads that read, decode and dispatch messages besides the selector loop's
		 * own; 0 does it all on the selector thread (an event loop). Defaults to the
		 * number of CPUs, or 0 on one CPU.
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

	}

	private static int defaultWorkerThreads() {
		// on one CPU a hand-off to another thread only adds a context switch per read
		int cpus = Runtime.getRuntime().availableProcessors();
		return (cpus > 1) ? cpus : 0;
	}

	/**
	 * Limits on replies waiting to be written to a connection.
	 */
	public static class Outbound {

		/**
		 * Reply bytes a connection may have waiting to be written before the
		 * slow-consumer policy applies.
		 */
		private DataSize maxPending = DataSize.ofMegabytes(1);

		/**
		 * What to do with a client whose replies pile up past max-pending: backpressure
		 * or close.
		 */
		private SlowConsumerPolicy slowConsumer = SlowConsumerPolicy.BACKPRESSURE;

		/** Close a connection whose waiting replies make no progress for this long. */
		private Duration writeTimeout = Duration.ofSeconds(30);

		public DataSize getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(DataSize maxPending) {
			this.maxPending = maxPending;
		}

		public SlowConsumerPolicy getSlowConsumer() {
			return this.slowConsumer;
		}

		public void setSlowConsumer(SlowConsumerPolicy slowConsumer) {
			this.slowConsumer = slowConsumer;
		}

		public Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

	}

	/**
	 * The PROXY protocol header a load balancer sends ahead of each connection.
	 */
	public static class ProxyProtocol {

		/** Which header each connection must start with: off, v1, v2 or any. */
		private ProxyProtocolMode mode = ProxyProtocolMode.OFF;

		/**
		 * Address ranges (CIDR) of the load balancers allowed to send the header; any
		 * peer when empty.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		/** Close a connection whose header has not arrived within this time. */
		private Duration headerTimeout = Duration.ofSeconds(5);

		public ProxyProtocolMode getMode() {
			return this.mode;
		}

		public void setMode(ProxyProtocolMode mode) {
			this.mode = mode;
		}

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		public Duration getHeaderTimeout() {
			return this.headerTimeout;
		}

		public void setHeaderTimeout(Duration headerTimeout) {
			this.headerTimeout = headerTimeout;
		}

	}

	/**
	 * How the application's message handler is run.
	 */
	public static class Handler {

		/**
		 * Threads that run blocking message handlers; each connection's requests run one
		 * at a time.
		 */
		private int threads = 64;

		/**
		 * Requests of one connection handled but not yet completely answered; past it the
		 * gateway stops reading from that connection.
		 */
		private int maxInFlight = 256;

		/**
		 * What a handler failure does: close the connection, or reply with error-reply
		 * and go on.
		 */
		private HandlerErrorPolicy onError = HandlerErrorPolicy.CLOSE;

		/** The reply sent for a failed request when on-error is reply. */
		private String errorReply = "ERROR";

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public HandlerErrorPolicy getOnError() {
			return this.onError;
		}

		public void setOnError(HandlerErrorPolicy onError) {
			this.onError = onError;
		}

		public String getErrorReply() {
			return this.errorReply;
		}

		public void setErrorReply(String errorReply) {
			this.errorReply = errorReply;
		}

	}

	/**
	 * TLS on the TCP port.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.jks.NAME or .pem.NAME) to
		 * serve TLS with; plain TCP when not set.
		 */
		private String bundle;

		/** Whether clients must present a certificate: none, want or need. */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/** Close a connection whose TLS handshake has not completed within this time. */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

	/**
	 * How the gateway stops.
	 */
	public static class Shutdown {

		/**
		 * How long a stop waits for connections to be answered and closed before closing
		 * the rest.
		 */
		private Duration gracePeriod = Duration.ofSeconds(30);

		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

	}

}
