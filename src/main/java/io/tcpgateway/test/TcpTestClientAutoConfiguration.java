package io.tcpgateway.test;

import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.AbstractSubscribableChannel;

/**
 * Provides the {@link TcpTestClient} of a {@link TcpGatewayTest}, and fails one whose
 * application's handler of frames was left out of the slice.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnTcpGatewayEnabled
public class TcpTestClientAutoConfiguration {

	@Bean
	TcpTestClient tcpTestClient(GatewayServer server, TcpGatewayProperties properties) {
		return new TcpTestClient(server.connectionFactory(), properties.getFraming(),
				(int) properties.getMaxMessageSize().toBytes());
	}

	@Bean
	LeftOutHandlerCheck tcpGatewayLeftOutHandlerCheck(ApplicationContext context,
			@Qualifier(TcpGatewayChannels.REQUESTS) AbstractSubscribableChannel requests,
			ObjectProvider<TcpMessageHandler> handler) {
		return new LeftOutHandlerCheck(context, requests, handler.getIfUnique());
	}

}
