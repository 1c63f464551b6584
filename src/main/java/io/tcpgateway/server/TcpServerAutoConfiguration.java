package io.tcpgateway.server;

import io.tcpgateway.connection.ConnectionCollaborators;
import io.tcpgateway.connection.ConnectionMetrics;
import io.tcpgateway.connection.ConnectionObservations;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSettings;
import io.tcpgateway.connection.ConnectionSweeper;
import io.tcpgateway.connection.ConnectionTaskExecutor;
import io.tcpgateway.connection.ConnectionTimeouts;
import io.tcpgateway.connection.GatewayMessageHeaders;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.GatewayThreadFactory;
import io.tcpgateway.connection.IoMode;
import io.tcpgateway.connection.LocalConnections;
import io.tcpgateway.connection.ReadGate;
import io.tcpgateway.framing.FrameCodec;
import io.tcpgateway.framing.FrameDecoderFactory;
import io.tcpgateway.framing.FrameEncoder;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.limits.ConnectionLimits;
import io.tcpgateway.limits.MemoryBudget;
import io.tcpgateway.limits.MemoryBudgets;
import io.tcpgateway.limits.ReservedDescriptors;
import io.tcpgateway.logging.AccessLog;
import io.tcpgateway.logging.WireLog;
import io.tcpgateway.observation.TcpConnectionObservationConvention;
import io.tcpgateway.observation.TcpGatewayObservations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * runtime settings, with {@link ConnectionSettingsMapping}, {@link TlsBundleSettings} and
 * {@link ServerConnectionFactories} beside it.
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
			AccessLog accessLog, ObjectProvider<TcpGatewayObservations> tcpGatewayObservations,
			ObjectProvider<TcpConnectionObservationConvention> connectionConvention) {
		return new ConnectionRegistry(
				new ConnectionLimits(properties.getMaxConnections(), properties.getMaxConnectionsPerClient()),
				ConnectionSettingsMapping.rateLimits(properties).newConnectionRateLimiter(),
				metrics.getIfAvailable(() -> ConnectionMetrics.NONE), accessLog,
				new ConnectionObservations(tcpGatewayObservations.getIfAvailable(() -> TcpGatewayObservations.NONE),
						connectionConvention.getIfUnique()));
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
	 * Closed after that factory has stopped, which frees its TLS context.
	 */
	@Bean(destroyMethod = "close")
	GatewayServer tcpGatewayServer(TcpGatewayProperties properties, ConnectionTaskExecutor taskExecutor,
			ConnectionRegistry registry, GatewayMessageHeaders messageHeaders, ObjectProvider<SslBundles> sslBundles,
			MemoryBudgets memoryBudgets, FrameCodec frameCodec, ObjectProvider<ReadGate> readGates,
			WireLog tcpGatewayWireLog) {
		ConnectionSettings settings = ConnectionSettingsMapping.connectionSettings(properties, sslBundles, frameCodec);
		ConnectionCollaborators collaborators = new ConnectionCollaborators(registry, messageHeaders, memoryBudgets,
				tcpGatewayWireLog, ReadGate.allOf(readGates.orderedStream().toList()));
		return ServerConnectionFactories.newServer(properties, settings, collaborators, taskExecutor);
	}

	@Bean
	AbstractServerConnectionFactory tcpGatewayConnectionFactory(GatewayServer tcpGatewayServer) {
		return tcpGatewayServer.connectionFactory();
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
		return new ConnectionSweeper(registry, timeouts, memoryBudgets.inbound(),
				ConnectionSettingsMapping.heartbeat(properties, frameCodec), tcpGatewayServer.controls(),
				tcpGatewayWireLog, properties.getSelector().getStallTimeout());
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
