package io.tcpgateway.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.ConnectionSweeper;
import io.tcpgateway.connection.ConnectionTaskExecutor;
import io.tcpgateway.connection.ConnectionTimeouts;
import io.tcpgateway.connection.GatewayMessageHeaders;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.connection.Heartbeat;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.connection.LocalConnections;
import io.tcpgateway.connection.ReadGate;
import io.tcpgateway.connection.net.NetServerConnectionFactory;
import io.tcpgateway.connection.nio.NioServerConnectionFactory;
import io.tcpgateway.connection.nio.NioSettings;
import io.tcpgateway.framing.FrameCodec;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecoderFactory;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.limits.ConnectionLimits;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.limits.RateLimits;
import io.tcpgateway.limits.ReservedDescriptors;
import io.tcpgateway.limits.SlowConsumerLimits;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.proxy.CidrRange;
import io.tcpgateway.proxy.ProxyProtocolMode;
import io.tcpgateway.proxy.ProxyProtocolSettings;
import io.tcpgateway.tls.ClientAuth;
import io.tcpgateway.tls.TlsBundleReload;
import io.tcpgateway.tls.TlsSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.convert.converter.Converter;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.util.IdGenerator;
import org.springframework.util.unit.DataSize;

/**
 * Builds the TCP listener from {@link TcpGatewayProperties}: the registry of live
 * connections, the connection factory of the configured I/O mode with its settings, and
 * the timeouts, startup check and drain around it. The only place the properties become
 * runtime settings.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@EnableConfigurationProperties(TcpGatewayProperties.class)
@ConditionalOnTcpGatewayEnabled
public class TcpServerAutoConfiguration {

	/**
	 * Fails startup on a misspelt {@code tcp-gateway.*} property before any bean reads
	 * the defaults it leaves in force.
	 */
	@Bean
	static UnknownPropertiesCheck tcpGatewayUnknownPropertiesCheck(ConfigurableEnvironment environment) {
		return new UnknownPropertiesCheck(environment);
	}

	/**
	 * Reads {@code tcp-gateway.framing}, which spells the NUL-terminated framing
	 * {@code null}.
	 */
	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Framing> tcpGatewayFramingConverter() {
		return Framing::fromValue;
	}

	/**
	 * The configured framing; for {@code custom}, the application's
	 * {@link FrameDecoderFactory} and {@link FrameEncoder} beans.
	 */
	@Bean
	FrameCodec tcpGatewayFrameCodec(TcpGatewayProperties properties, ObjectProvider<FrameDecoderFactory> decoders,
			ObjectProvider<FrameEncoder> encoders) {
		return FrameCodecs.resolve(properties.getFraming(), decoders, encoders);
	}

	@Bean
	ConnectionRegistry tcpGatewayConnections(TcpGatewayProperties properties, ObjectProvider<ConnectionMetrics> metrics,
			AccessLog accessLog) {
		return new ConnectionRegistry(
				new ConnectionLimits(properties.getMaxConnections(), properties.getMaxConnectionsPerClient()),
				rateLimits(properties).newConnectionRateLimiter(), metrics.getIfAvailable(() -> ConnectionMetrics.NONE),
				accessLog);
	}

	/**
	 * This gateway's connections for the operator's find, push and close; the cluster's
	 * own, when it is on, takes precedence.
	 */
	@Bean
	LocalConnections tcpGatewayLocalConnections(ConnectionRegistry registry) {
		return new LocalConnections(registry);
	}

	/** Written by a thread of its own, which the stop lets finish the queued lines. */
	@Bean(destroyMethod = "close")
	AccessLog tcpGatewayAccessLog(TcpGatewayProperties properties) {
		return new AccessLog(properties.getAccessLog().isEnabled(),
				(task) -> GatewayThreadFactory.named("tcp-gateway-access-log", true, task));
	}

	@Bean(destroyMethod = "close")
	ConnectionTaskExecutor tcpGatewayTaskExecutor(TcpGatewayProperties properties, Environment environment) {
		return (properties.getIoMode() == IoMode.NIO) ? ConnectionTaskExecutor.forNio()
				: ConnectionTaskExecutor.forNet(properties.getMaxConnections(),
						GatewayThreads.factory(environment, ConnectionTaskExecutor.NET_THREAD_PREFIX));
	}

	@Bean
	GatewayMessageHeaders tcpGatewayMessageHeaders(ObjectProvider<IdGenerator> idGenerators) {
		return new GatewayMessageHeaders(idGenerators.iterator().hasNext());
	}

	/**
	 * The listener of the configured I/O mode; its connection factory is the next bean.
	 */
	@Bean
	GatewayServer tcpGatewayServer(TcpGatewayProperties properties, ConnectionTaskExecutor taskExecutor,
			ConnectionRegistry registry, GatewayMessageHeaders messageHeaders, ObjectProvider<SslBundles> sslBundles,
			MemoryBudgets memoryBudgets, FrameCodec frameCodec, ObjectProvider<ReadGate> readGates,
			WireLog tcpGatewayWireLog) {
		ConnectionSettings settings = connectionSettings(properties, sslBundles, frameCodec);
		ConnectionCollaborators collaborators = new ConnectionCollaborators(registry, messageHeaders, memoryBudgets,
				tcpGatewayWireLog, ReadGate.allOf(readGates.orderedStream().toList()));
		return switch (properties.getIoMode()) {
			case NIO ->
				new GatewayServer(configure(nioFactory(properties, settings, collaborators), properties, taskExecutor));
			case NET -> new GatewayServer(
					configure(new NetServerConnectionFactory(properties.getPort(), settings, collaborators), properties,
							taskExecutor));
		};
	}

	@Bean
	AbstractServerConnectionFactory tcpGatewayConnectionFactory(GatewayServer tcpGatewayServer) {
		return tcpGatewayServer.connectionFactory();
	}

	private static ConnectionSettings connectionSettings(TcpGatewayProperties properties,
			ObjectProvider<SslBundles> sslBundles, FrameCodec frameCodec) {
		OutboundProperties outbound = properties.getOutbound();
		return new ConnectionSettings(frameCodec, (int) properties.getMaxMessageSize().toBytes(),
				new SlowConsumerLimits(outbound.getMaxPending().toBytes(), outbound.getSlowConsumer(),
						NioSettings.READ_BUFFER_SIZE),
				properties.getHandler().getMaxInFlight(), tlsSettings(properties.getSsl(), sslBundles),
				proxySettings(properties.getProxyProtocol()), rateLimits(properties),
				heartbeat(properties, frameCodec));
	}

	private static RateLimits rateLimits(TcpGatewayProperties properties) {
		RateLimitProperties rateLimit = properties.getRateLimit();
		DataSize bytes = rateLimit.getBytesPerSecond();
		return new RateLimits(rateLimit.getMessagesPerSecond(), (bytes != null) ? (double) bytes.toBytes() : null,
				rateLimit.getBurst(), rateLimit.getConnectionsPerSecond());
	}

	/**
	 * @return the heartbeat, or {@code null} when it is off
	 * @throws InvalidConfigurationPropertyValueException when the framing cannot carry
	 * the payload as one frame
	 */
	private static Heartbeat heartbeat(TcpGatewayProperties properties, FrameCodec framing) {
		HeartbeatProperties heartbeat = properties.getHeartbeat();
		if (heartbeat.getInterval() == null || heartbeat.getInterval().isZero()) {
			return null;
		}
		byte[] payload = heartbeat.getPayload().getBytes(StandardCharsets.UTF_8);
		int maxMessageSize = (int) properties.getMaxMessageSize().toBytes();
		if (!carriesWhole(framing.encoder(), framing.newDecoder(maxMessageSize), payload)) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.heartbeat.payload",
					heartbeat.getPayload(), "The framing " + framing + " cannot carry it as one frame of at most "
							+ maxMessageSize + " bytes (tcp-gateway.max-message-size)");
		}
		return new Heartbeat(heartbeat.getInterval(), payload);
	}

	private static NioServerConnectionFactory nioFactory(TcpGatewayProperties properties, ConnectionSettings settings,
			ConnectionCollaborators collaborators) {
		SelectorProperties selector = properties.getSelector();
		NioServerConnectionFactory factory = new NioServerConnectionFactory(properties.getPort(),
				NioSettings.of(settings, collaborators, selector.isDirectBuffers()), selector.getEventLoops());
		factory.setMultiAccept(selector.isMultiAccept());
		factory.setUsingDirectBuffers(selector.isDirectBuffers());
		return factory;
	}

	/**
	 * @return whether the payload, framed, decodes as that one frame: false, for
	 * instance, for a payload holding the delimiter or too long for the framing
	 */
	private static boolean carriesWhole(FrameEncoder encoder, FrameDecoder decoder, byte[] payload) {
		try {
			List<byte[]> frames = new ArrayList<>();
			decoder.decode(encoder.encode(payload), frames::add);
			return frames.size() == 1 && Arrays.equals(frames.get(0), payload) && decoder.bufferedBytes() == 0;
		}
		catch (FrameDecodingException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** The socket and factory settings both I/O modes share. */
	private static <F extends AbstractServerConnectionFactory> F configure(F factory, TcpGatewayProperties properties,
			ConnectionTaskExecutor taskExecutor) {
		PropertyMapper map = PropertyMapper.get();
		SocketProperties socket = properties.getSocket();
		map.from(properties.getHost()).as(InetAddress::getHostAddress).to(factory::setLocalAddress);
		map.from(properties.getBacklog()).to(factory::setBacklog);
		map.from(socket.isTcpNoDelay()).to(factory::setSoTcpNoDelay);
		map.from(socket.isKeepAlive()).to(factory::setSoKeepAlive);
		map.from(socket.getReceiveBufferSize()).as(size -> (int) size.toBytes()).to(factory::setSoReceiveBufferSize);
		map.from(socket.getSendBufferSize()).as(size -> (int) size.toBytes()).to(factory::setSoSendBufferSize);
		map.from(properties.getSelector().getReadDelay()).as(Duration::toMillis).to(factory::setReadDelay);
		factory.setLookupHost(false);
		factory.setTaskExecutor(taskExecutor);
		return factory;
	}

	/**
	 * @return the settings, or {@code null} when the PROXY protocol is off
	 */
	private static ProxyProtocolSettings proxySettings(ProxyProtocolProperties proxy) {
		if (proxy.getMode() == ProxyProtocolMode.OFF) {
			return null;
		}
		return new ProxyProtocolSettings(proxy.getMode(),
				proxy.getTrustedProxies().stream().map(CidrRange::parse).toList(), proxy.getHeaderTimeout());
	}

	/**
	 * @return the settings, or {@code null} for plain TCP
	 */
	private static TlsSettings tlsSettings(SslProperties ssl, ObjectProvider<SslBundles> sslBundles) {
		if (ssl.getBundle() == null) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		try {
			if (bundles == null) {
				throw new NoSuchSslBundleException(ssl.getBundle(), "no SSL bundles are configured");
			}
			SslBundle bundle = bundles.getBundle(ssl.getBundle());
			requireTrustStoreForClientAuth(ssl, bundle);
			TlsSettings settings = new TlsSettings(bundle, ssl.getClientAuth(), ssl.getHandshakeTimeout());
			// called only for a bundle with reload-on-update, when its files change
			bundles.addBundleUpdateHandler(ssl.getBundle(), new TlsBundleReload(ssl.getBundle(), settings));
			return settings;
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.ssl.bundle", ssl.getBundle(),
					"No SSL bundle of that name; define it under spring.ssl.bundle.jks." + ssl.getBundle()
							+ " or spring.ssl.bundle.pem." + ssl.getBundle());
		}
	}

	/**
	 * Without a trust store the JDK's public CAs would vouch for client certificates, so
	 * anyone who can buy one would pass; nginx and HAProxy refuse the same configuration.
	 */
	private static void requireTrustStoreForClientAuth(SslProperties ssl, SslBundle bundle) {
		if (ssl.getClientAuth() != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.ssl.client-auth",
					ssl.getClientAuth().name().toLowerCase(Locale.ROOT),
					"Client certificates need a trust store of the CAs that issue them in the SSL bundle "
							+ ssl.getBundle() + ": set spring.ssl.bundle.jks." + ssl.getBundle()
							+ ".truststore.location (or spring.ssl.bundle.pem." + ssl.getBundle()
							+ ".truststore.certificate)");
		}
	}

	/**
	 * The budgets default to an eighth of the maximum heap each: with the 256 MB heap a 1
	 * GiB container gives by default, 32 MB of incomplete frames (five hundred
	 * maximum-size frames arriving at once) and 32 MB of waiting replies, which leaves
	 * the rest for the connections themselves and the application.
	 */
	@Bean
	MemoryBudgets tcpGatewayMemoryBudgets(TcpGatewayProperties properties) {
		long eighthOfHeap = Runtime.getRuntime().maxMemory() / 8;
		DataSize inbound = properties.getMaxBufferedBytes();
		DataSize outbound = properties.getOutbound().getMaxPendingTotal();
		return new MemoryBudgets(
				new MemoryBudget("tcp-gateway.max-buffered-bytes",
						(inbound != null) ? inbound.toBytes()
								: Math.max(eighthOfHeap, properties.getMaxMessageSize().toBytes())),
				new MemoryBudget("tcp-gateway.outbound.max-pending-total", (outbound != null) ? outbound.toBytes()
						: Math.max(eighthOfHeap, properties.getOutbound().getMaxPending().toBytes())));
	}

	/** The hex dump of every read and write, when its logger is at TRACE. */
	@Bean
	WireLog tcpGatewayWireLog(TcpGatewayProperties properties) {
		return new WireLog((int) properties.getWireLog().getMaxBytes().toBytes());
	}

	@Bean(destroyMethod = "close")
	ConnectionSweeper tcpGatewayConnectionSweeper(ConnectionRegistry registry, TcpGatewayProperties properties,
			MemoryBudgets memoryBudgets, GatewayServer tcpGatewayServer, FrameCodec frameCodec,
			WireLog tcpGatewayWireLog) {
		ConnectionTimeouts timeouts = new ConnectionTimeouts(properties.getIdleTimeout(),
				properties.getOutbound().getWriteTimeout(), properties.getSsl().getHandshakeTimeout(),
				properties.getProxyProtocol().getHeaderTimeout(), properties.getFrameTimeout(),
				properties.getHandler().getReplyTimeout());
		return new ConnectionSweeper(registry, timeouts, memoryBudgets.inbound(), heartbeat(properties, frameCodec),
				tcpGatewayServer.controls(), tcpGatewayWireLog, properties.getSelector().getStallTimeout());
	}

	@Bean
	ListenerStartupCheck tcpGatewayListenerStartupCheck(GatewayServer tcpGatewayServer, TcpGatewayProperties properties,
			ObjectProvider<ReservedDescriptors> reservedDescriptors) {
		return new ListenerStartupCheck(tcpGatewayServer, properties,
				reservedDescriptors.stream().mapToInt(ReservedDescriptors::count).sum());
	}

	@Bean
	GracefulDrain tcpGatewayGracefulDrain(GatewayServer tcpGatewayServer, ConnectionRegistry registry,
			TcpGatewayProperties properties, ApplicationEventPublisher publisher) {
		return new GracefulDrain(tcpGatewayServer.controls(), registry, properties.getShutdown().getGracePeriod(),
				publisher);
	}

}
