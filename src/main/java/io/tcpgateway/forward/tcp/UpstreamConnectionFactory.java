package io.tcpgateway.forward.tcp;

import org.springframework.integration.ip.tcp.connection.TcpNioClientConnectionFactory;

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

	@Override
	public void stop() {
		setActive(false);
		super.stop();
	}

}
