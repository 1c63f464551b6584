package io.tcpgateway.server;

import io.tcpgateway.flow.FlowConfiguration;
import io.tcpgateway.flow.FlowSettings;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.observation.TcpGatewayObservations;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Wires the gateway's flow ({@link FlowConfiguration}): TCP inbound adapter, the message
 * handler (echo unless the application defines its own {@link TcpMessageHandler}), the
 * connection's own outbound channel, TCP outbound adapter; both adapters share one
 * connection factory. Here the properties become the flow's settings.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnTcpGatewayEnabled
@Import(FlowConfiguration.class)
public class GatewayFlowAutoConfiguration {

	@Bean
	FlowSettings tcpGatewayFlowSettings(TcpGatewayProperties properties, Environment environment) {
		HandlerProperties handler = properties.getHandler();
		if (handler.getQueueCapacity() < 1) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.handler.queue-capacity",
					handler.getQueueCapacity(), "Must be at least 1");
		}
		return new FlowSettings(handler.getThreads(), handler.getQueueCapacity(),
				GatewayThreads.factory(environment, "tcp-gateway-handler-"), handler.getOnError(),
				handler.getErrorReply(), handler.isFlowMayBlock(), handler.getReplyTimeout(),
				GatewayThreads.factory(environment, "tcp-gateway-reply-timeout-"),
				properties.getOutbound().getMaxPending().toBytes());
	}

	/**
	 * The registry the gateway and its features observe through
	 * ({@code tcp-gateway.observations.mode}); the features take it from here, so that
	 * all of them observe, or none.
	 */
	@Bean
	TcpGatewayObservations tcpGatewayObservations(TcpGatewayProperties properties,
			ObjectProvider<ObservationRegistry> registries, ListableBeanFactory beans, Environment environment) {
		return ObservationsSelection.select(properties.getObservations().getMode(), registries, beans, environment);
	}

}
