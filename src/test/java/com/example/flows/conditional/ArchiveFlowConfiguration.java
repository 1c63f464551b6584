package com.example.flows.conditional;

import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;

/**
 * Archives every line, where the application has an archive to write to; without one the
 * application has no flow, in production as in a test.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(name = "archive")
class ArchiveFlowConfiguration {

	@Bean
	IntegrationFlow archiving() {
		return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
			.transform(Transformers.objectToString())
			.<String, String>transform((line) -> "archived " + line)
			.get();
	}

}
