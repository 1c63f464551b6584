package io.tcpgateway.forward.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.framing.Framing;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.limits.ReservedDescriptors;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Turns the gateway into a bridge to upstream TCP services when
 * {@code tcp-gateway.forward.tcp.host} or {@code .upstreams} is set: its message handler
 * forwards every frame, so the echo handler steps aside. The only place the bridge's
 * properties become its settings.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class, before = GatewayFlowAutoConfiguration.class)
@ConditionalOnForwardTcp
@EnableConfigurationProperties(ForwardTcpProperties.class)
@ConditionalOnTcpGatewayEnabled
public class ForwardTcpAutoConfiguration {

	static final String HANDLER_BEAN = "tcpGatewayForwardTcpHandler";

	/**
	 * Framings the upstream may speak: those Spring Integration's TCP codecs implement
	 * for a client connection with a frame at a time.
	 */
	static final Set<Framing> UPSTREAM_FRAMINGS = EnumSet.of(Framing.CRLF, Framing.LF, Framing.STX_ETX,
			Framing.NUL_TERMINATED, Framing.LENGTH_HEADER_1, Framing.LENGTH_HEADER_2, Framing.LENGTH_HEADER_4);

	@Bean
	ForwardTcpSettings tcpGatewayForwardTcpSettings(ForwardTcpProperties tcp, TcpGatewayProperties properties) {
		Framing framing = upstreamFraming(tcp, properties.getFraming());
		return new ForwardTcpSettings(poolSettings(tcp), framing, (int) properties.getMaxMessageSize().toBytes(),
				tcp.getConnectTimeout(), tcp.getMode(), tcp.getPoolSize(), tcp.getReplyTimeout(), tcp.getThreads(),
				properties.getHandler().getOnError(),
				properties.getHandler().getErrorReply().getBytes(StandardCharsets.UTF_8));
	}

	private static UpstreamPoolSettings poolSettings(ForwardTcpProperties tcp) {
		UpstreamHealthCheckProperties check = tcp.getHealthCheck();
		return new UpstreamPoolSettings(primaries(tcp),
				tcp.getBackupUpstreams().stream().map(UpstreamAddress::parse).toList(), tcp.getBalance(),
				tcp.getConnectAttempts(), tcp.getResolveInterval(), tcp.getSlowStart(),
				new UpstreamPoolSettings.HealthCheckSettings(check.getInterval(), check.getTimeout(), check.getRise(),
						check.getFall(), bytes(check.getSend()), bytes(check.getExpect())));
	}

	/**
	 * @return the upstreams as host and port say, or as upstreams lists them
	 */
	static List<UpstreamAddress> primaries(ForwardTcpProperties tcp) {
		return (tcp.getHost() != null) ? List.of(new UpstreamAddress(tcp.getHost(), tcp.getPort()))
				: tcp.getUpstreams().stream().map(UpstreamAddress::parse).toList();
	}

	private static byte[] bytes(String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
	}

	/**
	 * @return the upstream's framing, the clients' when it has none of its own
	 * @throws InvalidConfigurationPropertyValueException when the upstream cannot speak
	 * it
	 */
	private static Framing upstreamFraming(ForwardTcpProperties tcp, Framing clients) {
		Framing framing = (tcp.getFraming() != null) ? tcp.getFraming() : clients;
		if (!UPSTREAM_FRAMINGS.contains(framing)) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.forward.tcp.framing", framing.value(),
					"the upstream's framing must be one of " + UPSTREAM_FRAMINGS.stream().map(Framing::value).toList()
							+ ", not " + framing.value()
							+ ((tcp.getFraming() == null) ? " (from tcp-gateway.framing)" : ""));
		}
		return framing;
	}

	/**
	 * The upstream connections the bridge opens, counted against the process's open-file
	 * limit: one per client, or the pool of each upstream (as configured: a name that
	 * resolves to several addresses is counted once).
	 */
	@Bean
	ReservedDescriptors tcpGatewayForwardTcpDescriptors(ForwardTcpProperties tcp, TcpGatewayProperties properties) {
		int upstreams = primaries(tcp).size() + tcp.getBackupUpstreams().size();
		return () -> (tcp.getMode() == ForwardTcpMode.SHARED) ? tcp.getPoolSize() * upstreams
				: properties.getMaxConnections();
	}

	/**
	 * The upstreams, resolved by the system's DNS unless the context holds an
	 * {@link UpstreamResolver}.
	 */
	@Bean
	Upstreams tcpGatewayForwardTcpUpstreams(ForwardTcpSettings settings, ObjectProvider<ForwardTcpMetrics> metrics,
			ObjectProvider<UpstreamResolver> resolver) {
		return new Upstreams(settings.pool(), resolver.getIfAvailable(() -> UpstreamResolver.DNS),
				metrics.getIfAvailable(() -> ForwardTcpMetrics.NONE));
	}

	/**
	 * TLS to the upstream, when an SSL bundle is named: the client factory's connections
	 * then speak TLS.
	 */
	@Bean
	@ConditionalOnProperty(prefix = "tcp-gateway.forward.tcp.ssl", name = "bundle")
	UpstreamTls tcpGatewayForwardTcpTls(ForwardTcpProperties tcp, ObjectProvider<SslBundles> sslBundles) {
		return UpstreamTls.of(tcp.getSsl().getBundle(), sslBundles, tcp.getSsl().getServerName(),
				tcp.getSsl().isVerifyHostname());
	}

	@Bean
	UpstreamClient tcpGatewayForwardTcpClient(ForwardTcpSettings settings, Upstreams upstreams,
			ObjectProvider<ForwardTcpMetrics> metrics, BeanFactory beanFactory) {
		return new UpstreamClient(settings, upstreams, metrics.getIfAvailable(() -> ForwardTcpMetrics.NONE),
				beanFactory);
	}

	/**
	 * The bridge of the configured mode; fails startup when the application defines a
	 * handler of its own, since only one can answer the clients.
	 */
	@Bean(HANDLER_BEAN)
	TcpMessageHandler tcpGatewayForwardTcpHandler(ForwardTcpProperties tcp, UpstreamClient upstream,
			ObjectProvider<ForwardTcpMetrics> meters, AbstractServerConnectionFactory tcpGatewayConnectionFactory,
			ConnectionRegistry registry, ObjectProvider<TcpGatewayObservations> observations,
			ListableBeanFactory beanFactory) {
		List<String> others = Arrays.stream(beanFactory.getBeanNamesForType(TcpMessageHandler.class, true, false))
			.filter(name -> !HANDLER_BEAN.equals(name))
			.toList();
		if (!others.isEmpty()) {
			String property = (tcp.getHost() != null) ? OnForwardTcpCondition.HOST : OnForwardTcpCondition.UPSTREAMS;
			throw new InvalidConfigurationPropertyValueException(property, upstream.settings().address(),
					"The gateway forwards to " + upstream.settings().address() + ", but the application also defines"
							+ " its own TcpMessageHandler bean " + others + "; only one can answer the clients: remove "
							+ property + " or the bean");
		}
		ForwardTcpMetrics metrics = meters.getIfAvailable(() -> ForwardTcpMetrics.NONE);
		UpstreamObservations observed = new UpstreamObservations(
				observations.getIfAvailable(() -> TcpGatewayObservations.NONE), upstream.settings().mode());
		return switch (upstream.settings().mode()) {
			case PER_CONNECTION -> new PerConnectionBridge(tcpGatewayConnectionFactory, registry, upstream, observed);
			case SHARED -> new SharedUpstreamPool(upstream, metrics, observed);
		};
	}

	@Bean
	UpstreamHealthChecker tcpGatewayForwardTcpHealthChecker(UpstreamClient upstream, ObjectProvider<UpstreamTls> tls) {
		return new UpstreamHealthChecker(upstream.upstreams(), upstream.settings().framing(),
				UpstreamCodecs.of(upstream.settings().framing(), upstream.settings().maxMessageSize()),
				tls.getIfAvailable());
	}

	@Bean
	ForwardTcpLifecycle tcpGatewayForwardTcpLifecycle(UpstreamClient upstream,
			TcpMessageHandler tcpGatewayForwardTcpHandler, UpstreamHealthChecker checker) {
		return new ForwardTcpLifecycle(upstream,
				(tcpGatewayForwardTcpHandler instanceof SharedUpstreamPool pool) ? pool : null, checker);
	}

	/**
	 * The bridge's meters, when Micrometer is there. The outer class's condition is
	 * repeated: a member class is parsed before its enclosing class's beans are skipped.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnForwardTcp
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnTcpGatewayEnabled
	static class ForwardTcpMetricsConfiguration {

		@Bean
		ForwardTcpMetrics tcpGatewayForwardTcpMetrics(ObjectProvider<MeterRegistry> meterRegistry,
				ForwardTcpSettings settings) {
			MeterRegistry registry = meterRegistry.getIfAvailable();
			return (registry != null) ? new MicrometerForwardTcpMetrics(registry, settings.mode())
					: ForwardTcpMetrics.NONE;
		}

	}

	/**
	 * The {@code tcpGatewayForward} health component, unless
	 * {@code management.health.tcp-gateway-forward.enabled=false}. Not in the readiness
	 * group unless {@code tcp-gateway.forward.tcp.readiness=true}: see
	 * {@link ForwardTcpReadinessEnvironmentPostProcessor}. The outer class's condition is
	 * repeated: a member class is parsed before its enclosing class's beans are skipped.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnForwardTcp
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnTcpGatewayEnabled
	static class ForwardTcpHealthConfiguration {

		/**
		 * A member class of its own, so that the condition's own class is looked at only
		 * once health support is known to be there; the other conditions are repeated for
		 * an application that scans this package.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnForwardTcp
		@ConditionalOnEnabledHealthIndicator("tcp-gateway-forward")
		@ConditionalOnTcpGatewayEnabled
		static class ForwardTcpHealthIndicatorConfiguration {

			@Bean
			HealthIndicator tcpGatewayForward(UpstreamClient upstream) {
				return new ForwardTcpHealthIndicator(upstream);
			}

		}

	}

}
