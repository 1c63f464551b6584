package io.tcpgateway.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.connection.EnumNames;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.limits.OpenFileLimit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.event.IpIntegrationEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Makes startup fail when the TCP port cannot be bound.
 *
 * <p>
 * Spring Integration binds the server socket on its own thread and only logs a failure,
 * so an application whose port is taken would start and serve nothing. This check runs
 * after the inbound adapter has started the factory and waits, bounded, until it listens
 * or reports why it cannot. When nothing asked the factory to start (the application
 * keeps the adapter from starting with the context), it does not wait and logs that the
 * gateway is not listening.
 */
final class ListenerStartupCheck implements SmartLifecycle, ApplicationListener<IpIntegrationEvent> {

	private static final Log logger = LogFactory.getLog(ListenerStartupCheck.class);

	/** How long binding may take before startup is declared failed. */
	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private final GatewayServer server;

	private final TcpGatewayProperties properties;

	/** Descriptors the features hold open besides the clients' connections. */
	private final int reservedDescriptors;

	private final CountDownLatch outcome = new CountDownLatch(1);

	private volatile Throwable bindFailure;

	private volatile boolean running;

	ListenerStartupCheck(GatewayServer server, TcpGatewayProperties properties, int reservedDescriptors) {
		this.server = server;
		this.properties = properties;
		this.reservedDescriptors = reservedDescriptors;
	}

	@Override
	public void onApplicationEvent(IpIntegrationEvent event) {
		if (event.getSource() != this.server.connectionFactory()) {
			return;
		}
		if (event instanceof TcpConnectionServerExceptionEvent exceptionEvent) {
			this.bindFailure = exceptionEvent.getCause();
			this.outcome.countDown();
		}
		else if (event instanceof TcpConnectionServerListeningEvent) {
			this.outcome.countDown();
		}
	}

	@Override
	public void start() {
		if (!this.server.isStartRequested()) {
			// the inbound adapter starts the listener, and the application keeps it from
			// starting with the context: there is no bind to wait for (nor checked, when
			// the application starts the adapter later)
			logger.info("TCP gateway not listening: its inbound adapter does not start with the context"
					+ " (spring.integration.endpoint.no-auto-startup)");
			this.running = true;
			return;
		}
		try {
			long deadline = System.nanoTime() + BIND_TIMEOUT.toNanos();
			// the listening event is published asynchronously: poll the factory too
			while (!this.server.isListening() && this.bindFailure == null && System.nanoTime() < deadline) {
				this.outcome.await(50, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!this.server.isListening()) {
			throw new TcpListenerStartupException(this.properties.getPort(), this.properties.getHost(),
					this.bindFailure);
		}
		TcpGatewayProperties p = this.properties;
		logger.info("TCP gateway listening on " + describeAddress() + " (io-mode " + EnumNames.kebabCase(p.getIoMode())
				+ ", framing " + p.getFraming().value() + ", backlog " + p.getBacklog() + ", max-message-size "
				+ p.getMaxMessageSize() + ", max-connections " + p.getMaxConnections() + ", idle-timeout "
				+ p.getIdleTimeout() + ", outbound.max-pending " + p.getOutbound().getMaxPending() + " ("
				+ EnumNames.kebabCase(p.getOutbound().getSlowConsumer()) + "), tls "
				+ ((p.getSsl().getBundle() != null) ? "bundle " + p.getSsl().getBundle() + " ("
						+ EnumNames.kebabCase(p.getSsl().getProvider()) + ")" : "off")
				+ ")");
		warnIfTooFewOpenFiles();
		this.running = true;
	}

	private void warnIfTooFewOpenFiles() {
		OpenFileLimit.current().ifPresent((limit) -> {
			String warning = OpenFileLimit.warning(limit, this.properties.getMaxConnections(),
					this.reservedDescriptors);
			if (warning != null) {
				logger.warn(warning);
			}
		});
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the inbound channel adapter has started the connection factory
		return Integer.MAX_VALUE - 1000;
	}

	private String describeAddress() {
		String host = (this.properties.getHost() != null) ? this.properties.getHost().getHostAddress() : "*";
		return host + ":" + this.server.port();
	}

}
