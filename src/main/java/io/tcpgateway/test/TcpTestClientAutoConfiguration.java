package io.tcpgateway.test;

import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Provides the {@link TcpTestClient} of a {@link TcpGatewayTest}.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnTcpGatewayEnabled
public class TcpTestClientAutoConfiguration {

	@Bean
	TcpTestClient tcpTestClient(GatewayServer server, TcpGatewayProperties properties) {
		return new TcpTestClient(server.connectionFactory(), properties.getFraming(),
				(int) properties.getMaxMessageSize().toBytes());
	}

}
