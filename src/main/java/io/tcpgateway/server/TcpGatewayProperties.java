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

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the TCP gateway, under {@code tcp-gateway.*}; checked by
 * {@link TcpGatewayPropertiesValidator} as they are bound, so a bad value fails startup
 * naming the property, and by {@link UnknownPropertiesCheck}, so a misspelt one does too.
 */
@ConfigurationProperties("tcp-gateway")
public class TcpGatewayProperties implements Validator {

	/** Run the gateway; false leaves every part of it out: no port, no beans. */
	private boolean enabled = true;

	/** TCP port to listen on; 0 picks a free port. */
	private int port = 9000;

	/** Address to bind to; all interfaces when not set. */
	private InetAddress host;

	/** Maximum number of connections waiting to be accepted by the operating system. */
	private int backlog = 1000;

	/**
	 * Socket I/O model: nio (one selector for all connections) or net (a thread per
	 * connection).
	 */
	private IoMode ioMode = IoMode.NIO;

	/** How messages are delimited on the stream. */
	private Framing framing = Framing.CRLF;

	/** Largest payload of one frame; a longer frame closes its connection. */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Connections served at once; a connection past the limit is closed as soon as it is
	 * accepted.
	 */
	private int maxConnections = 10_000;

	/** Connections served at once from one client address; unlimited when not set. */
	private Integer maxConnectionsPerClient;

	/**
	 * Close a connection whose client has sent nothing for this long, unless replies are
	 * still being written to it; 0 turns it off.
	 */
	private Duration idleTimeout = Duration.ofMinutes(5);

	/**
	 * Heap all connections together may hold for frames not yet received whole (TLS
	 * records and PROXY headers included); an eighth of the maximum heap when not set.
	 */
	private DataSize maxBufferedBytes;

	/**
	 * Close a connection whose frame has been incomplete for this long, the defence
	 * against clients that trickle bytes to hold connections; 0 turns it off.
	 */
	private Duration frameTimeout = Duration.ofSeconds(30);

	@NestedConfigurationProperty
	private final SocketProperties socket = new SocketProperties();

	@NestedConfigurationProperty
	private final SelectorProperties selector = new SelectorProperties();

	@NestedConfigurationProperty
	private final OutboundProperties outbound = new OutboundProperties();

	@NestedConfigurationProperty
	private final ShutdownProperties shutdown = new ShutdownProperties();

	@NestedConfigurationProperty
	private final SslProperties ssl = new SslProperties();

	@NestedConfigurationProperty
	private final HandlerProperties handler = new HandlerProperties();

	@NestedConfigurationProperty
	private final ProxyProtocolProperties proxyProtocol = new ProxyProtocolProperties();

	@NestedConfigurationProperty
	private final RateLimitProperties rateLimit = new RateLimitProperties();

	@NestedConfigurationProperty
	private final HeartbeatProperties heartbeat = new HeartbeatProperties();

	@NestedConfigurationProperty
	private final LoggingProperties.AccessLog accessLog = new LoggingProperties.AccessLog();

	@NestedConfigurationProperty
	private final LoggingProperties.WireLog wireLog = new LoggingProperties.WireLog();

	@NestedConfigurationProperty
	private final ObservationsProperties observations = new ObservationsProperties();

	@Override
	public boolean supports(Class<?> type) {
		return TcpGatewayProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		TcpGatewayPropertiesValidator.validate((TcpGatewayProperties) target, errors);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
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

	public DataSize getMaxBufferedBytes() {
		return this.maxBufferedBytes;
	}

	public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
		this.maxBufferedBytes = maxBufferedBytes;
	}

	public Duration getFrameTimeout() {
		return this.frameTimeout;
	}

	public void setFrameTimeout(Duration frameTimeout) {
		this.frameTimeout = frameTimeout;
	}

	public ProxyProtocolProperties getProxyProtocol() {
		return this.proxyProtocol;
	}

	public RateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

	public HeartbeatProperties getHeartbeat() {
		return this.heartbeat;
	}

	public LoggingProperties.AccessLog getAccessLog() {
		return this.accessLog;
	}

	public LoggingProperties.WireLog getWireLog() {
		return this.wireLog;
	}

	public ObservationsProperties getObservations() {
		return this.observations;
	}

	public HandlerProperties getHandler() {
		return this.handler;
	}

	public SslProperties getSsl() {
		return this.ssl;
	}

	public ShutdownProperties getShutdown() {
		return this.shutdown;
	}

	public SocketProperties getSocket() {
		return this.socket;
	}

	public SelectorProperties getSelector() {
		return this.selector;
	}

	public OutboundProperties getOutbound() {
		return this.outbound;
	}

}
