package io.tcpgateway.forward.tcp;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;

/**
 * Spring Integration's NIO client factory, stopped without its {@code Selector closed}
 * error: the stock one closes its selector while its loop still counts as active.
 */
final class UpstreamConnectionFactory extends TcpNioClientConnectionFactory {

	UpstreamConnectionFactory(String host, int port) {
		super(host, port);
		// the bridge learns of its connections as their sender; the events would only be
		// warned about (no publisher) or published to no one, once per connection
		setApplicationEventPublisher((event) -> {
		});
	}

	/**
	 * @return the factory of the upstream client's connections, on its threads, telling
	 * it of frames as its listener and of new and closed connections as its sender
	 */
	static UpstreamConnectionFactory of(ForwardTcpSettings settings, UpstreamThreads threads, UpstreamClient client,
			BeanFactory beanFactory) {
		UpstreamConnectionFactory factory = new UpstreamConnectionFactory(settings.host(), settings.port());
		AbstractByteArraySerializer codec = UpstreamCodecs.of(settings.framing(), settings.maxMessageSize());
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setSingleUse(true);
		factory.setSoTcpNoDelay(true);
		factory.setLookupHost(false);
		factory.setConnectTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
		factory.setTaskExecutor(threads.io);
		UpstreamTls tls = beanFactory.getBeanProvider(UpstreamTls.class).getIfAvailable();
		factory.setTcpNioConnectionSupport((tls != null) ? tls.connectionSupport(threads.assemblers, factory.getHost(),
				factory.getPort(), settings.connectTimeout()) : new OrderedNioConnectionSupport(threads.assemblers));
		factory.registerListener(client);
		factory.registerSender(client);
		factory.setBeanName("tcpGatewayForwardClientFactory");
		factory.setBeanFactory(beanFactory);
		factory.afterPropertiesSet();
		return factory;
	}

	@Override
	public void stop() {
		setActive(false);
		super.stop();
	}

}
