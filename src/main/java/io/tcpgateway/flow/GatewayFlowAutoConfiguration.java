package io.tcpgateway.flow;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.metrics.GatewayMeters;
import io.tcpgateway.server.GatewayConnections;
import io.tcpgateway.server.GatewayMessageHeaders;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Wires the gateway's flow: TCP inbound adapter, the message handler (echo unless the application
 * defines its own {@link TcpMessageHandler}), the connection's own outbound channel, TCP outbound
 * adapter; both adapters share one connection factory.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
public class GatewayFlowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TcpMessageHandler.class)
	EchoHandler echoHandler() {
		return new EchoHandler();
	}

	/** Runs blocking handlers; its threads start only when a blocking handler is first called. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService tcpGatewayHandlerPool(TcpGatewayProperties properties) {
		int threads = properties.getHandler().getThreads();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("tcp-gateway-handler-"));
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/** Carries every frame from the inbound adapter to the handler. */
	@Bean
	DirectChannel tcpGatewayInbound() {
		return new QuietDirectChannel();
	}

	/** Carries every reply and pushed message to the outbound adapter. */
	@Bean
	DirectChannel tcpGatewayOutbound() {
		return new QuietDirectChannel();
	}

	@Bean
	ConnectionContexts tcpGatewayConnectionContexts(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			GatewayConnections connections, DirectChannel tcpGatewayOutbound, ExecutorService tcpGatewayHandlerPool,
			TcpGatewayProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			GatewayMessageHeaders tcpGatewayMessageHeaders) {
		return new ConnectionContexts(tcpGatewayConnectionFactory, connections, tcpGatewayOutbound,
				properties.getOutbound().getMaxPending().toBytes(), tcpGatewayHandlerPool,
				replyLatency(meterRegistry.getIfAvailable(), properties), tcpGatewayMessageHeaders);
	}

	/** The reply-latency timer, or {@code null} (no clock reads at all) when metrics are off. */
	private static LongConsumer replyLatency(MeterRegistry registry, TcpGatewayProperties properties) {
		if (registry == null) {
			return null;
		}
		Timer timer = Timer.builder(GatewayMeters.REPLY_LATENCY)
			.description("From a request's arrival to its last reply being handed to its connection")
			.tags(GatewayMeters.IO_MODE, properties.getIoMode().name().toLowerCase(), GatewayMeters.FRAMING,
					properties.getFraming().name().toLowerCase().replace('_', '-'))
			.register(registry);
		if (timer instanceof NoopTimer) {
			return null;
		}
		return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Bean
	IntegrationFlow tcpGatewayInboundFlow(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			DirectChannel tcpGatewayInbound, TcpMessageHandler handler,
			ConnectionContexts tcpGatewayConnectionContexts, TcpGatewayProperties properties) {
		HandlerInvoker invoker = new HandlerInvoker(handler, tcpGatewayConnectionContexts,
				properties.getHandler().getOnError(), properties.getHandler().getErrorReply());
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpGatewayConnectionFactory).outputChannel(tcpGatewayInbound))
			.handle(invoker)
			.get();
	}

	@Bean
	IntegrationFlow tcpGatewayOutboundFlow(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			DirectChannel tcpGatewayOutbound) {
		return IntegrationFlow.from(tcpGatewayOutbound)
			.handle(new QuietTcpSendingMessageHandler(tcpGatewayConnectionFactory))
			.get();
	}

}
