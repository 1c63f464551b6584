package io.tcpgateway.server;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import javax.net.ssl.SSLServerSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.metrics.MicrometerConnectionMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.util.IdGenerator;

/**
 * Builds the TCP server connection factory from {@link TcpGatewayProperties}, with the connection
 * bookkeeping, timeouts and drain around it.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@EnableConfigurationProperties(TcpGatewayProperties.class)
public class TcpServerAutoConfiguration {

	@Bean
	GatewayConnections tcpGatewayConnections(TcpGatewayProperties properties, ObjectProvider<MeterRegistry> registry) {
		Tags tags = Tags.of(GatewayMeters.IO_MODE, properties.getIoMode().name().toLowerCase(), GatewayMeters.FRAMING,
				properties.getFraming().name().toLowerCase().replace('_', '-'));
		MeterRegistry meterRegistry = registry.getIfAvailable();
		ConnectionMetrics metrics = (meterRegistry != null) ? new MicrometerConnectionMetrics(meterRegistry, tags)
				: ConnectionMetrics.NONE;
		GatewayConnections connections = new GatewayConnections(properties.getMaxConnections(),
				properties.getMaxConnectionsPerClient(), metrics);
		if (meterRegistry != null) {
			MicrometerConnectionMetrics.registerGauges(meterRegistry, tags, connections, GatewayConnections::size,
					GatewayConnections::pendingBytes);
		}
		return connections;
	}

	@Bean(destroyMethod = "close")
	ConnectionTaskExecutor tcpGatewayTaskExecutor(TcpGatewayProperties properties) {
		return (properties.getIoMode() == IoMode.NIO)
				? ConnectionTaskExecutor.forNio(properties.getSelector().getWorkerThreads())
				: ConnectionTaskExecutor.forNet(properties.getMaxConnections());
	}

	@Bean(destroyMethod = "close")
	WritabilityWatcher tcpGatewayWritabilityWatcher() {
		return new WritabilityWatcher("tcp-gateway-writer");
	}

	@Bean(destroyMethod = "close")
	ConnectionSweeper tcpGatewayConnectionSweeper(GatewayConnections connections, TcpGatewayProperties properties,
			AbstractServerConnectionFactory tcpGatewayConnectionFactory) {
		return new ConnectionSweeper(connections, properties.getIdleTimeout(),
				properties.getOutbound().getWriteTimeout(), properties.getSsl().getHandshakeTimeout(),
				properties.getProxyProtocol().getHeaderTimeout(), (HarvestableServer) tcpGatewayConnectionFactory);
	}

	@Bean
	GatewayMessageHeaders tcpGatewayMessageHeaders(ObjectProvider<IdGenerator> idGenerators) {
		return new GatewayMessageHeaders(idGenerators.iterator().hasNext());
	}

	@Bean
	AbstractServerConnectionFactory tcpGatewayConnectionFactory(TcpGatewayProperties properties,
			ConnectionTaskExecutor taskExecutor, WritabilityWatcher writabilityWatcher,
			GatewayConnections connections, GatewayMessageHeaders messageHeaders,
			ObjectProvider<SslBundles> sslBundles) {
		TlsSettings tls = tlsSettings(properties.getSsl(), sslBundles);
		ConnectionResources resources = ConnectionResources.from(properties, connections, writabilityWatcher, tls);
		AbstractServerConnectionFactory factory = switch (properties.getIoMode()) {
			case NIO -> nioFactory(properties, resources);
			case NET -> netFactory(properties, resources);
		};
		AbstractByteArraySerializer codec = properties.getFraming()
			.codec((int) properties.getMaxMessageSize().toBytes());
		PropertyMapper map = PropertyMapper.get();
		TcpGatewayProperties.Socket socket = properties.getSocket();
		map.from(properties.getHost()).as(InetAddress::getHostAddress).to(factory::setLocalAddress);
		map.from(properties.getBacklog()).to(factory::setBacklog);
		map.from(socket.isTcpNoDelay()).to(factory::setSoTcpNoDelay);
		map.from(socket.isKeepAlive()).to(factory::setSoKeepAlive);
		map.from(socket.getReceiveBufferSize()).as(size -> (int) size.toBytes()).to(factory::setSoReceiveBufferSize);
		map.from(socket.getSendBufferSize()).as(size -> (int) size.toBytes()).to(factory::setSoSendBufferSize);
		map.from(properties.getSelector().getReadDelay()).as(Duration::toMillis).to(factory::setReadDelay);
		factory.setLookupHost(false);
		factory.setMapper(new GatewayMessageMapper(messageHeaders));
		// replies are framed by the codec; requests are decoded by the connections' own frame decoders
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setTaskExecutor(taskExecutor);
		return factory;
	}

	private static AbstractServerConnectionFactory nioFactory(TcpGatewayProperties properties,
			ConnectionResources resources) {
		GatewayNioServerConnectionFactory factory = new GatewayNioServerConnectionFactory(properties.getPort());
		factory.setMultiAccept(properties.getSelector().isMultiAccept());
		factory.setUsingDirectBuffers(properties.getSelector().isDirectBuffers());
		factory.setTcpNioConnectionSupport(new GatewayNioConnectionSupport(resources));
		return factory;
	}

	private static AbstractServerConnectionFactory netFactory(TcpGatewayProperties properties,
			ConnectionResources resources) {
		GatewayNetServerConnectionFactory factory = new GatewayNetServerConnectionFactory(properties.getPort());
		factory.setTcpNetConnectionSupport(new GatewayNetConnectionSupport(resources));
		TlsSettings tls = resources.tls();
		if (tls != null) {
			factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(tls::context));
			factory.setTcpSocketSupport(new DefaultTcpSocketSupport(false) {

				@Override
				public void postProcessServerSocket(ServerSocket serverSocket) {
					super.postProcessServerSocket(serverSocket);
					tls.configure((SSLServerSocket) serverSocket);
				}

			});
		}
		return factory;
	}

	private static TlsSettings tlsSettings(TcpGatewayProperties.Ssl ssl, ObjectProvider<SslBundles> sslBundles) {
		if (ssl.getBundle() == null) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		try {
			if (bundles == null) {
				throw new NoSuchSslBundleException(ssl.getBundle(), "no SSL bundles are configured");
			}
			return new TlsSettings(bundles.getBundle(ssl.getBundle()), ssl.getClientAuth(), ssl.getHandshakeTimeout());
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.ssl.bundle", ssl.getBundle(),
					"No SSL bundle of that name; define it under spring.ssl.bundle.jks." + ssl.getBundle()
							+ " or spring.ssl.bundle.pem." + ssl.getBundle());
		}
	}

	@Bean
	ListenerStartupCheck tcpGatewayListenerStartupCheck(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			TcpGatewayProperties properties) {
		return new ListenerStartupCheck(tcpGatewayConnectionFactory, properties);
	}

	@Bean
	GracefulDrain tcpGatewayGracefulDrain(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			GatewayConnections connections, TcpGatewayProperties properties, ApplicationEventPublisher publisher) {
		return new GracefulDrain((DrainableServer) tcpGatewayConnectionFactory, connections,
				properties.getShutdown().getGracePeriod(), publisher);
	}

}
