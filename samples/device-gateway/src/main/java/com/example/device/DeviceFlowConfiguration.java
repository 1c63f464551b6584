package com.example.device;

import java.util.Locale;

import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;

/**
 * The device protocol: every line a device sends is answered in upper case. Left out when
 * the {@link DeviceCommandHandler command handler} answers instead.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + DeviceCommandHandler.PROFILE)
class DeviceFlowConfiguration {

	@Bean
	IntegrationFlow devices() {
		return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
			.transform(Transformers.objectToString())
			.<String, String>transform((line) -> line.toUpperCase(Locale.ROOT))
			.get();
	}

}
