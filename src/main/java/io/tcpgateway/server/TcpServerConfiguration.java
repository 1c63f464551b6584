package io.tcpgateway.server;

import java.net.InetAddress;
import java.time.Duration;

import io.tcpgateway.framing.Framing;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;

/**
 * Builds the TCP server connection factory from {@link TcpGatewayProperties}.
 */
@Configuration(proxyBeanMethods = false)
class TcpServerConfiguration {

	@Bean(destroyMethod = "close")
	ConnectionTaskExecutor tcpGatewayTaskExecutor(TcpGatewayProperties properties) {
		return (properties.getIoMode() == IoMode.NIO)
				? ConnectionTaskExecutor.forNio(properties.getSelector().getWorkerThreads())
				: ConnectionTaskExecutor.forNet();
	}

	@Bean(destroyMethod = "close")
	WritabilityWatcher tcpGatewayWritabilityWatcher() {
		return new WritabilityWatcher("tcp-gateway-writer");
	}

	@Bean
	AbstractServerConnectionFactory tcpGatewayConnectionFactory(TcpGatewayProperties properties,
			ConnectionTaskExecutor taskExecutor, WritabilityWatcher writabilityWatcher) {
		AbstractServerConnectionFactory factory = switch (properties.getIoMode()) {
			case NIO -> nioFactory(properties, writabilityWatcher);
			case NET -> new TcpNetServerConnectionFactory(properties.getPort());
		};
		Framing framing = properties.getFraming();
		AbstractByteArraySerializer codec = framing.codec((int) properties.getMaxMessageSize().toBytes());
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
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setTaskExecutor(taskExecutor);
		return factory;
	}

	private static AbstractServerConnectionFactory nioFactory(TcpGatewayProperties properties,
			WritabilityWatcher writabilityWatcher) {
		GatewayNioServerConnectionFactory factory = new GatewayNioServerConnectionFactory(properties.getPort());
		factory.setMultiAccept(properties.getSelector().isMultiAccept());
		factory.setUsingDirectBuffers(properties.getSelector().isDirectBuffers());
		factory.setTcpNioConnectionSupport(new GatewayNioConnectionSupport(properties, writabilityWatcher));
		return factory;
	}

	@Bean
	ListenerStartupCheck tcpGatewayListenerStartupCheck(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			TcpGatewayProperties properties) {
		return new ListenerStartupCheck(tcpGatewayConnectionFactory, properties);
	}

}
