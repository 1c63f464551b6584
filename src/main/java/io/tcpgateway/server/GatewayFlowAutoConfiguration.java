package io.tcpgateway.server;

import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSweeper;
import io.tcpgateway.connection.GatewayMessageHeaders;
import io.tcpgateway.flow.ConnectionContextAttacher;
import io.tcpgateway.flow.EchoHandler;
import io.tcpgateway.flow.FlowDescription;
import io.tcpgateway.flow.FlowInvoker;
import io.tcpgateway.flow.HandlerInvoker;
import io.tcpgateway.flow.HandlerPool;
import io.tcpgateway.flow.NoReplyChannel;
import io.tcpgateway.flow.QuietDirectChannel;
import io.tcpgateway.flow.QuietTcpSendingMessageHandler;
import io.tcpgateway.flow.ReplyTimeouts;
import io.tcpgateway.flow.RequestDispatcher;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Wires the gateway's flow: TCP inbound adapter, the message handler (echo unless the
 * application defines its own {@link TcpMessageHandler}), the connection's own outbound
 * channel, TCP outbound adapter; both adapters share one connection factory.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnTcpGatewayEnabled
public class GatewayFlowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TcpMessageHandler.class)
	EchoHandler echoHandler() {
		return new EchoHandler();
	}

	/**
	 * Runs blocking handlers; its threads start only when a blocking handler is first
	 * called. On virtual threads ({@code spring.threads.virtual.enabled}, Java 21+) it is
	 * the same pool of virtual ones: {@code handler.threads} still bounds how many
	 * requests run at once, and its queue holds at most {@code handler.queue-capacity}
	 * tasks, one per connection with work waiting; past that a connection's reads are
	 * held until there is room, so neither concurrency nor memory grows without bound and
	 * no thread waits; a virtual thread blocked in I/O holds no platform thread.
	 */
	@Bean
	HandlerPool tcpGatewayHandlerPool(TcpGatewayProperties properties, Environment environment) {
		HandlerProperties handler = properties.getHandler();
		if (handler.getQueueCapacity() < 1) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.handler.queue-capacity",
					handler.getQueueCapacity(), "Must be at least 1");
		}
		return new HandlerPool(handler.getThreads(), handler.getQueueCapacity(),
				GatewayThreads.factory(environment, "tcp-gateway-handler-"));
	}

	/** Carries every frame from the inbound adapter to the handler. */
	@Bean
	DirectChannel tcpGatewayInbound() {
		return new QuietDirectChannel();
	}

	/** Carries every reply and pushed message to the outbound adapter. */
	@Bean
	QuietDirectChannel tcpGatewayOutbound() {
		return new QuietDirectChannel();
	}

	/**
	 * Where the application's own flow takes the frames from; an endpoint subscribed here
	 * replaces the handler.
	 */
	@Bean(TcpGatewayChannels.REQUESTS)
	DirectChannel tcpGatewayRequests() {
		return new DirectChannel();
	}

	/** Where the application's flow sends a request that gets no reply. */
	@Bean(TcpGatewayChannels.NO_REPLY)
	NoReplyChannel tcpGatewayNoReply() {
		return new NoReplyChannel();
	}

	@Bean
	ConnectionContextAttacher tcpGatewayConnectionContexts(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			ConnectionRegistry registry, QuietDirectChannel tcpGatewayOutbound, HandlerPool tcpGatewayHandlerPool,
			TcpGatewayProperties properties, GatewayMessageHeaders tcpGatewayMessageHeaders) {
		// the reply-latency timer, or none at all (no clock reads) when metrics are off
		LongConsumer replyLatency = registry.metrics().timesReplies() ? registry.metrics()::replied : null;
		return new ConnectionContextAttacher(tcpGatewayConnectionFactory, registry, tcpGatewayOutbound,
				properties.getOutbound().getMaxPending().toBytes(), tcpGatewayHandlerPool, replyLatency,
				tcpGatewayMessageHeaders, !properties.getHandler().getReplyTimeout().isZero());
	}

	/**
	 * Made by the sweeper on each sweep, when the reply timeout is on; answered on
	 * threads of its own, which start only when a timeout fires.
	 */
	@Bean
	ReplyTimeouts tcpGatewayReplyTimeouts(TcpGatewayProperties properties, ConnectionRegistry registry,
			ConnectionSweeper sweeper, Environment environment) {
		HandlerProperties handler = properties.getHandler();
		ReplyTimeouts timeouts = new ReplyTimeouts(handler.getReplyTimeout(), handler.getOnError(),
				handler.getErrorReply(), registry.metrics(),
				GatewayThreads.factory(environment, "tcp-gateway-reply-timeout-"));
		if (!handler.getReplyTimeout().isZero()) {
			sweeper.addCheck(timeouts);
		}
		return timeouts;
	}

	@Bean
	RequestDispatcher tcpGatewayRequestDispatcher() {
		return new RequestDispatcher();
	}

	@Bean
	HandlerSelection tcpGatewayHandlerSelection(RequestDispatcher dispatcher, DirectChannel tcpGatewayRequests,
			TcpMessageHandler handler, ConnectionRegistry registry, TcpGatewayProperties properties,
			ListableBeanFactory beans, ObjectProvider<FlowDescription> flowDescriptions) {
		HandlerProperties settings = properties.getHandler();
		return new HandlerSelection(dispatcher, tcpGatewayRequests,
				new FlowInvoker(tcpGatewayRequests, registry, settings.getOnError(), settings.getErrorReply(),
						settings.isFlowMayBlock()),
				new HandlerInvoker(handler, registry, settings.getOnError(), settings.getErrorReply()), handler, beans,
				flowDescriptions.stream()
					.collect(Collectors.toMap(FlowDescription::flowBeanName, FlowDescription::description)));
	}

	@Bean
	IntegrationFlow tcpGatewayInboundFlow(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			DirectChannel tcpGatewayInbound, RequestDispatcher dispatcher) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpGatewayConnectionFactory).outputChannel(tcpGatewayInbound))
			.handle(dispatcher)
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
