package io.tcpgateway.flow;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.support.management.metrics.MetricsCaptor;

/**
 * The TCP outbound adapter's handler, without the per-message debug check and timer, for
 * the reason given on {@link QuietDirectChannel}, and never observed by Spring
 * Integration, for the reason given on its
 * {@link QuietDirectChannel#registerObservationRegistry}.
 */
final class QuietTcpSendingMessageHandler extends TcpSendingMessageHandler {

	QuietTcpSendingMessageHandler(AbstractServerConnectionFactory connectionFactory) {
		setConnectionFactory(connectionFactory);
		setLoggingEnabled(false);
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor metricsCaptor) {
		// untimed: see QuietDirectChannel
	}

	@Override
	public void registerObservationRegistry(ObservationRegistry observationRegistry) {
		// unobserved: see QuietDirectChannel
	}

}
