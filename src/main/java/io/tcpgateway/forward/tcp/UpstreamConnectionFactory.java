package io.tcpgateway.forward.tcp;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;

/**
 * Spring Integration's NIO client factory for every upstream at once, stopped without its
 * {@code Selector closed} error: the stock one closes its selector while its loop still
 * counts as active.
 *
 * <p>
 * One factory, and so one selector thread, serves all upstreams, however many a name
 * resolves to: the upstream of each connection attempt is set on the connecting thread
 * ({@link #connectTo}) and read back through {@link #getHost()} and {@link #getPort()},
 * which {@code buildNewConnection()} calls on that thread. A factory per upstream would
 * cost a selector thread each.
 */
final class UpstreamConnectionFactory extends TcpNioClientConnectionFactory {

	/** The upstream the connection being opened on this thread goes to. */
	private static final ThreadLocal<Upstream> TARGET = new ThreadLocal<>();

	/** Never connected to: every attempt names its upstream. */
	private static final String NO_HOST = "0.0.0.0";

	UpstreamConnectionFactory() {
		super(NO_HOST, 1);
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
		UpstreamConnectionFactory factory = new UpstreamConnectionFactory();
		AbstractByteArraySerializer codec = UpstreamCodecs.of(settings.framing(), settings.maxMessageSize());
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setSingleUse(true);
		factory.setSoTcpNoDelay(true);
		factory.setLookupHost(false);
		factory.setConnectTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
		factory.setTaskExecutor(threads.io);
		UpstreamTls tls = beanFactory.getBeanProvider(UpstreamTls.class).getIfAvailable();
		factory.setTcpNioConnectionSupport(
				(tls != null) ? tls.connectionSupport(threads.assemblers, settings.connectTimeout())
						: new OrderedNioConnectionSupport(threads.assemblers));
		factory.registerListener(client);
		factory.registerSender(client);
		factory.setBeanName("tcpGatewayForwardClientFactory");
		factory.setBeanFactory(beanFactory);
		factory.afterPropertiesSet();
		return factory;
	}

	/**
	 * Open a connection to one upstream, on this thread.
	 */
	TcpConnection connectTo(Upstream upstream) throws InterruptedException {
		TARGET.set(upstream);
		try {
			return getConnection();
		}
		finally {
			TARGET.remove();
		}
	}

	/**
	 * @return the upstream of the connection being opened on this thread, or {@code null}
	 */
	static Upstream target() {
		return TARGET.get();
	}

	@Override
	public String getHost() {
		Upstream target = TARGET.get();
		return (target != null) ? target.host() : NO_HOST;
	}

	@Override
	public int getPort() {
		Upstream target = TARGET.get();
		return (target != null) ? target.port() : super.getPort();
	}

	@Override
	public void stop() {
		setActive(false);
		super.stop();
	}

}
