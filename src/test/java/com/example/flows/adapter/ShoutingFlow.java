package com.example.flows.adapter;

import java.util.Locale;

import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.integration.dsl.IntegrationFlowAdapter;
import org.springframework.integration.dsl.IntegrationFlowDefinition;
import org.springframework.integration.dsl.Transformers;

/**
 * Answers every line in upper case.
 */
class ShoutingFlow extends IntegrationFlowAdapter {

	@Override
	protected IntegrationFlowDefinition<?> buildFlow() {
		return from(TcpGatewayChannels.REQUESTS).transform(Transformers.objectToString())
			.<String, String>transform((line) -> line.toUpperCase(Locale.ROOT));
	}

}
