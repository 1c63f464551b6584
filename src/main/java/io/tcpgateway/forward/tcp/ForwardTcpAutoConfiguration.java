package io.tcpgateway.forward.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.server.ForwardProperties;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpGatewayProperties;
import io.tcpgateway.server.TcpServerAutoConfiguration;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Turns the gateway into a bridge to an upstream TCP service when
 * {@code tcp-gateway.forward.tcp.host} is set: its message handler forwards every frame,
 * so the echo handler steps aside. The only place the bridge's properties become its
 * settings.
 */
@AutoConfiguration(after = TcpServerAutoConfiguration.class, before = GatewayFlowAutoConfiguration.class)
@ConditionalOnProperty(prefix = "tcp-gateway.forward.tcp", name = "host")
public class ForwardTcpAutoConfiguration {

	static final String HANDLER_BEAN = "tcpGatewayForwardTcpHandler";

	@Bean
	ForwardTcpSettings tcpGatewayForwardTcpSettings(TcpGatewayProperties properties) {
		ForwardProperties.Tcp tcp = properties.getForward().getTcp();
		return new ForwardTcpSettings(tcp.getHost(), tcp.getPort(),
				(tcp.getFraming() != null) ? tcp.getFraming() : properties.getFraming(),
				(int) properties.getMaxMessageSize().toBytes(), tcp.getConnectTimeout(),
				// by name: a switch over the properties' enum would compile to a class of
				// its own
				ForwardTcpMode.valueOf(tcp.getMode().name()), tcp.getPoolSize(), tcp.getReplyTimeout(),
				tcp.getThreads(), properties.getHandler().getOnError(),
				properties.getHandler().getErrorReply().getBytes(StandardCharsets.UTF_8));
	}

	@Bean
	ForwardTcpMetrics tcpGatewayForwardTcpMetrics(ObjectProvider<MeterRegistry> meterRegistry,
			ForwardTcpSettings settings) {
		MeterRegistry registry = meterRegistry.getIfAvailable();
		return (registry != null) ? new MicrometerForwardTcpMetrics(registry, settings.mode()) : ForwardTcpMetrics.NONE;
	}

	@Bean
	UpstreamClient tcpGatewayForwardTcpClient(ForwardTcpSettings settings, ForwardTcpMetrics metrics,
			BeanFactory beanFactory) {
		return new UpstreamClient(settings, metrics, beanFactory);
	}

	/**
	 * The bridge of the configured mode; fails startup when the application defines a
	 * handler of its own, since only one can answer the clients.
	 */
	@Bean(HANDLER_BEAN)
	TcpMessageHandler tcpGatewayForwardTcpHandler(UpstreamClient upstream, ForwardTcpMetrics metrics,
			AbstractServerConnectionFactory tcpGatewayConnectionFactory, ConnectionRegistry registry,
			ListableBeanFactory beanFactory) {
		List<String> others = Arrays.stream(beanFactory.getBeanNamesForType(TcpMessageHandler.class, true, false))
			.filter(name -> !HANDLER_BEAN.equals(name))
			.toList();
		if (!others.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("tcp-gateway.forward.tcp.host",
					upstream.settings().host(),
					"The gateway forwards to " + upstream.settings().address() + ", but the application also defines"
							+ " its own TcpMessageHandler bean " + others
							+ "; only one can answer the clients: remove tcp-gateway.forward.tcp.host or the bean");
		}
		return switch (upstream.settings().mode()) {
			case PER_CONNECTION -> new PerConnectionBridge(tcpGatewayConnectionFactory, registry, upstream, metrics);
			case SHARED -> new SharedUpstreamPool(upstream, metrics);
		};
	}

	@Bean
	ForwardTcpLifecycle tcpGatewayForwardTcpLifecycle(UpstreamClient upstream,
			TcpMessageHandler tcpGatewayForwardTcpHandler) {
		return new ForwardTcpLifecycle(upstream,
				(tcpGatewayForwardTcpHandler instanceof SharedUpstreamPool pool) ? pool : null);
	}

	/**
	 * The {@code tcpGatewayForward} health component, unless
	 * {@code management.health.tcp-gateway-forward.enabled=false}. Not in the readiness
	 * group unless {@code tcp-gateway.forward.tcp.readiness=true}: see
	 * {@link ForwardTcpReadinessEnvironmentPostProcessor}. The outer class's condition is
	 * repeated: a member class is parsed before its enclosing class's beans are skipped.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "tcp-gateway.forward.tcp", name = "host")
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("tcp-gateway-forward")
	static class ForwardTcpHealthConfiguration {

		@Bean
		HealthIndicator tcpGatewayForward(UpstreamClient upstream) {
			return new ForwardTcpHealthIndicator(upstream);
		}

	}

}
