package io.tcpgateway.flow;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.support.management.metrics.MetricsCaptor;

/**
 * The TCP outbound adapter's handler, without the per-message debug check and timer, for
 * the reason given on {@link QuietDirectChannel}, and never observed by Spring
 * Integration, for the reason given on its
 * {@link QuietDirectChannel#registerObservationRegistry}. It neither starts nor stops the
 * listener: see {@link #start()}.
 */
final class QuietTcpSendingMessageHandler extends TcpSendingMessageHandler {

	private volatile boolean running;

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

	/**
	 * Starts nothing: when the context starts, the listener is the inbound adapter's to
	 * start, at {@code Integer.MAX_VALUE / 2}, once the handler or flow that answers
	 * frames has been chosen ({@link HandlerSelection}). Spring Integration's handler
	 * would start it with its endpoint, at {@code Integer.MIN_VALUE}, and accept frames
	 * that nothing could answer yet. The inbound adapter stops it too, after the drain.
	 */
	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
