package io.tcpgateway.test;

import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Provides the {@link TcpTestClient} of a {@link TcpGatewayTest}.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
public class TcpTestClientAutoConfiguration {

	@Bean
	TcpTestClient tcpTestClient(AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			TcpGatewayProperties properties) {
		return new TcpTestClient(tcpGatewayConnectionFactory, properties.getFraming(),
				(int) properties.getMaxMessageSize().toBytes());
	}

}
