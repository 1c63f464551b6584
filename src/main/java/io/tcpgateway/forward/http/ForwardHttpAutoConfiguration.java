package io.tcpgateway.forward.http;

import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.limits.ConcurrencyLimit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.http.dsl.Http;

/**
 * The bridge to an HTTP service, when {@code tcp-gateway.forward.http.url} is set: the
 * gateway's own flow from {@value TcpGatewayChannels#REQUESTS}, so it takes the place of
 * the application's handler, and an application that has one fails to start.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tcp-gateway.forward.http", name = "url")
public class ForwardHttpAutoConfiguration {

	/** The bean name of the bridge's flow, by which a failed startup names it. */
	public static final String FLOW_BEAN_NAME = "tcpGatewayForwardHttpFlow";

	@Bean
	ForwardExecutor tcpGatewayForwardHttpExecutor(ForwardHttpSettings settings,
			ConcurrencyLimit tcpGatewayBackendConcurrency) {
		return new ForwardExecutor(tcpGatewayBackendConcurrency, settings.maxConcurrency(), settings.maxQueued());
	}

	@Bean
	ForwardHttpClient tcpGatewayForwardHttpClient(ForwardHttpSettings settings) {
		return new ForwardHttpClient(settings);
	}

	/**
	 * Each frame is handed to the HTTP threads, so a connection's requests are at the
	 * service together (the gateway puts their replies back in order), then POSTed; a
	 * response with no body completes its request with no reply.
	 */
	@Bean(FLOW_BEAN_NAME)
	IntegrationFlow tcpGatewayForwardHttpFlow(ForwardHttpSettings settings, ForwardExecutor executor,
			ForwardHttpClient client, ObjectProvider<ForwardMetrics> metrics) {
		ForwardFaults faults = new ForwardFaults(settings.url(), metrics.getIfAvailable(() -> ForwardMetrics.NONE));
		return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
			.channel((channels) -> channels.executor(executor::execute))
			.handle(Http.outboundGateway(settings.url(), client.restTemplate())
				.httpMethod(HttpMethod.POST)
				.expectedResponseType(byte[].class)
				.headerMapper(new ForwardHeaders(settings.contentType())), (endpoint) -> endpoint.advice(faults))
			.filter(ForwardHttpAutoConfiguration::hasBody,
					(filter) -> filter.discardChannel(TcpGatewayChannels.NO_REPLY))
			.get();
	}

	/**
	 * @return whether the response had a body: without one the payload is the response
	 * entity itself
	 */
	private static boolean hasBody(Object payload) {
		return payload instanceof byte[] body && body.length > 0;
	}

}
