package io.tcpgateway.flow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Wires the gateway's flow: TCP inbound adapter, the message handler, the connection's own outbound
 * channel, TCP outbound adapter; both adapters share one connection factory.
 */
@Configuration(proxyBeanMethods = false)
class GatewayFlowConfiguration {

	@Bean
	GenericHandler<byte[]> tcpGatewayMessageHandler() {
		return new EchoHandler();
	}

	@Bean
	DirectChannel tcpGatewayOutbound() {
		return new DirectChannel();
	}

	@Bean
	ConnectionOutboundChannels connectionOutboundChannels(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			DirectChannel tcpGatewayOutbound) {
		return new ConnectionOutboundChannels(tcpGatewayConnectionFactory, tcpGatewayOutbound);
	}

	@Bean
	IntegrationFlow tcpGatewayInboundFlow(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			GenericHandler<byte[]> tcpGatewayMessageHandler, ConnectionOutboundChannels connectionOutboundChannels) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpGatewayConnectionFactory))
			.handle(byte[].class, tcpGatewayMessageHandler)
			.handle(connectionOutboundChannels)
			.get();
	}

	@Bean
	IntegrationFlow tcpGatewayOutboundFlow(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			DirectChannel tcpGatewayOutbound) {
		return IntegrationFlow.from(tcpGatewayOutbound)
			.handle(Tcp.outboundAdapter(tcpGatewayConnectionFactory))
			.get();
	}

}
