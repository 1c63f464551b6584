package io.tcpgateway.flow;

import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.ConnectionSweeper;
import io.tcpgateway.connection.GatewayMessageHeaders;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.observation.TcpRequestObservationConvention;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The gateway's flow: TCP inbound adapter, the message handler (echo unless the
 * application defines its own {@link TcpMessageHandler}), the connection's own outbound
 * channel, TCP outbound adapter; both adapters share one connection factory. Imported by
 * the core's auto-configuration, which gives it the {@link FlowSettings}, so that the
 * classes behind these beans stay inside this package.
 *
 * <p>
 * Not a {@code @Configuration}: an application that scans {@code io.tcpgateway} would
 * pick it up, ahead of the auto-configuration it belongs to and whatever that is
 * conditional on.
 */
public class FlowConfiguration {

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
	HandlerPool tcpGatewayHandlerPool(FlowSettings settings) {
		return new HandlerPool(settings.handlerThreads(), settings.handlerQueueCapacity(),
				settings.handlerThreadFactory());
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
		return new StartupSafeChannel();
	}

	/** Where the application's flow sends a request that gets no reply. */
	@Bean(TcpGatewayChannels.NO_REPLY)
	NoReplyChannel tcpGatewayNoReply() {
		return new NoReplyChannel();
	}

	@Bean
	ConnectionContextAttacher tcpGatewayConnectionContexts(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			ConnectionRegistry registry, QuietDirectChannel tcpGatewayOutbound, HandlerPool tcpGatewayHandlerPool,
			FlowSettings settings, GatewayMessageHeaders tcpGatewayMessageHeaders) {
		// the reply-latency timer, or none at all (no clock reads) when metrics are off
		LongConsumer replyLatency = registry.metrics().timesReplies() ? registry.metrics()::replied : null;
		return new ConnectionContextAttacher(tcpGatewayConnectionFactory, registry, tcpGatewayOutbound,
				settings.maxHeldReplyBytes(), tcpGatewayHandlerPool, replyLatency, tcpGatewayMessageHeaders,
				!settings.replyTimeout().isZero());
	}

	/**
	 * Made by the sweeper on each sweep, when the reply timeout is on; answered on
	 * threads of its own, which start only when a timeout fires.
	 */
	@Bean
	ReplyTimeouts tcpGatewayReplyTimeouts(FlowSettings settings, ConnectionRegistry registry,
			ConnectionSweeper sweeper) {
		ReplyTimeouts timeouts = new ReplyTimeouts(settings.replyTimeout(), settings.onError(), settings.errorReply(),
				registry.metrics(), settings.replyTimeoutThreadFactory());
		if (!settings.replyTimeout().isZero()) {
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
			TcpMessageHandler handler, ConnectionRegistry registry, FlowSettings settings, ListableBeanFactory beans,
			ObjectProvider<FlowDescription> flowDescriptions, TcpGatewayObservations tcpGatewayObservations,
			ObjectProvider<TcpRequestObservationConvention> requestConvention) {
		TcpRequestObservationConvention convention = requestConvention.getIfUnique();
		return new HandlerSelection(dispatcher, tcpGatewayRequests,
				new FlowInvoker(tcpGatewayRequests, registry, settings.onError(), settings.errorReply(),
						settings.flowMayBlock(), new RequestObservations(tcpGatewayObservations, convention, "flow")),
				new HandlerInvoker(handler, registry, settings.onError(), settings.errorReply(),
						new RequestObservations(tcpGatewayObservations, convention, handlerName(handler))),
				handler, beans, flowDescriptions.stream()
					.collect(Collectors.toMap(FlowDescription::flowBeanName, FlowDescription::description)));
	}

	/**
	 * @return what answers, as the {@code handler} key of a request's observation says
	 */
	private static String handlerName(TcpMessageHandler handler) {
		if (handler instanceof EchoHandler) {
			return "echo";
		}
		// the TCP bridge is the one feature that answers with a handler
		return handler.getClass().getName().startsWith("io.tcpgateway.forward.tcp.") ? "forward-tcp" : "handler";
	}

	@Bean
	IntegrationFlow tcpGatewayInboundFlow(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			DirectChannel tcpGatewayInbound, RequestDispatcher dispatcher) {
		return IntegrationFlow.from(new QuietTcpReceivingChannelAdapter(tcpGatewayConnectionFactory, tcpGatewayInbound))
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
