package io.tcpgateway.forward.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.flow.FlowDescription;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.server.CommonTags;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.NamedSslBundles;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.http.dsl.Http;

/**
 * The bridge to an HTTP service, when {@code spring-integration-http} and
 * {@code spring-boot-restclient} are on the classpath and
 * {@code tcp-gateway.forward.http.url} is set: the gateway's own flow from
 * {@value TcpGatewayChannels#REQUESTS}, so it takes the place of the application's
 * handler, and an application that has one fails to start. Its properties are checked
 * whenever the bridge could be turned on.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.integration.http.dsl.Http",
		"org.springframework.boot.restclient.RestTemplateBuilder" })
@EnableConfigurationProperties(ForwardHttpProperties.class)
@ConditionalOnTcpGatewayEnabled
public class ForwardHttpAutoConfiguration {

	/** The bean name of the bridge's flow, by which a failed startup names it. */
	static final String FLOW_BEAN_NAME = "tcpGatewayForwardHttpFlow";

	/** The bridge itself, once its URL is set. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "tcp-gateway.forward.http", name = "url")
	@ConditionalOnTcpGatewayEnabled
	static class ForwardHttpBridgeConfiguration {

		/**
		 * Requests may wait for one of the bridge's threads up to the gateway's own
		 * ceiling on open requests: every connection at its handler.max-in-flight.
		 */
		@Bean
		ForwardHttpSettings tcpGatewayForwardHttpSettings(ForwardHttpProperties http, TcpGatewayProperties gateway,
				ObjectProvider<SslBundles> sslBundles) {
			long maxQueued = (long) gateway.getMaxConnections() * gateway.getHandler().getMaxInFlight();
			return new ForwardHttpSettings(http.getUrl(), MediaType.parseMediaType(http.getContentType()),
					http.getTimeout(), http.getMaxConcurrency(), (int) Math.min(Integer.MAX_VALUE, maxQueued),
					(int) gateway.getMaxMessageSize().toBytes(),
					(http.getSsl().getBundle() != null) ? NamedSslBundles.get(sslBundles.getIfAvailable(),
							"tcp-gateway.forward.http.ssl.bundle", http.getSsl().getBundle()) : null);
		}

		/**
		 * The HTTP requests the gateway may have open at its backend, past which no
		 * connection is read: a read gate of the gateway's.
		 */
		@Bean
		ConcurrencyLimit tcpGatewayBackendConcurrency(ForwardHttpSettings settings) {
			return new ConcurrencyLimit("tcp-gateway.forward.http.max-concurrency", settings.maxConcurrency());
		}

		@Bean
		ForwardExecutor tcpGatewayForwardHttpExecutor(ForwardHttpSettings settings,
				ConcurrencyLimit tcpGatewayBackendConcurrency, TcpGatewayObservations tcpGatewayObservations) {
			return new ForwardExecutor(tcpGatewayBackendConcurrency, settings.maxConcurrency(), settings.maxQueued(),
					tcpGatewayObservations.registry());
		}

		/**
		 * From the application's {@link RestTemplateBuilder}, with its customizers and
		 * observations; from a plain one where Boot made none (a reactive web
		 * application, say) or where the application has several.
		 */
		@Bean
		ForwardHttpClient tcpGatewayForwardHttpClient(ForwardHttpSettings settings,
				ObjectProvider<RestTemplateBuilder> restTemplateBuilder) {
			return new ForwardHttpClient(settings, restTemplateBuilder.getIfUnique(RestTemplateBuilder::new));
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
				.filter(ForwardHttpBridgeConfiguration::hasBody,
						(filter) -> filter.discardChannel(TcpGatewayChannels.NO_REPLY))
				.get();
		}

		/** How a startup that finds another handler too names the bridge. */
		@Bean
		FlowDescription tcpGatewayForwardHttpFlowDescription(ForwardHttpSettings settings) {
			return new FlowDescription(FLOW_BEAN_NAME,
					"the HTTP bridge '" + FLOW_BEAN_NAME + "' (tcp-gateway.forward.http.url=" + settings.url() + ")");
		}

		/**
		 * @return whether the response had a body: without one the payload is the
		 * response entity itself
		 */
		private static boolean hasBody(Object payload) {
			return payload instanceof byte[] body && body.length > 0;
		}

	}

	/**
	 * Counts the bridge's failed requests, when Micrometer is there. The outer condition
	 * is repeated: a member class is parsed before its enclosing class's beans are
	 * skipped.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "tcp-gateway.forward.http", name = "url")
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnTcpGatewayEnabled
	static class ForwardHttpMetricsConfiguration {

		@Bean
		ForwardMetrics tcpGatewayForwardMetrics(ObjectProvider<MeterRegistry> meterRegistry,
				TcpGatewayProperties properties) {
			MeterRegistry registry = meterRegistry.getIfAvailable();
			return (registry != null) ? new MicrometerForwardMetrics(registry, Tags.of(CommonTags.of(properties)))
					: ForwardMetrics.NONE;
		}

	}

}
