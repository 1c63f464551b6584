package com.example.flows.adapter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the flow by its own type, a subtype of {@code IntegrationFlow}.
 */
@Configuration(proxyBeanMethods = false)
class ShoutingConfiguration {

	@Bean
	ShoutingFlow shouting() {
		return new ShoutingFlow();
	}

}
