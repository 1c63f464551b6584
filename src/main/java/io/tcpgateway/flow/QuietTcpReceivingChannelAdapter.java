package io.tcpgateway.flow;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The TCP inbound adapter, never observed by Spring Integration, for the reason given on
 * {@link QuietDirectChannel#registerObservationRegistry}.
 */
final class QuietTcpReceivingChannelAdapter extends TcpReceivingChannelAdapter {

	QuietTcpReceivingChannelAdapter(AbstractServerConnectionFactory connectionFactory) {
		setConnectionFactory(connectionFactory);
	}

	@Override
	public void registerObservationRegistry(ObservationRegistry observationRegistry) {
		// unobserved: the request is the root of its trace
	}

}
