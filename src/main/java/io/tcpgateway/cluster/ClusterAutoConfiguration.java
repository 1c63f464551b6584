package io.tcpgateway.cluster;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.connection.ConnectionRegistry;
import io.tcpgateway.connection.GatewayServer;
import io.tcpgateway.connection.LocalConnections;
import io.tcpgateway.observation.TcpGatewayObservations;
import io.tcpgateway.server.CommonTags;
import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;
import io.tcpgateway.server.GatewayFlowAutoConfiguration;
import io.tcpgateway.server.TcpGatewayProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * With {@code tcp-gateway.cluster.enabled=true}: registers this gateway's connections in
 * Redis and takes pushes from the other gateways, through the Lettuce client Spring Boot
 * builds from {@code spring.data.redis.*} (host, port, AUTH, TLS). Off by default: then
 * nothing connects to Redis. Its properties are checked whenever Redis's client is on the
 * classpath.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		after = GatewayFlowAutoConfiguration.class)
@ConditionalOnClass(name = { "io.lettuce.core.RedisClient",
		"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory" })
@EnableConfigurationProperties(ClusterProperties.class)
@ConditionalOnTcpGatewayEnabled
public class ClusterAutoConfiguration {

	/** The cluster itself, once it is turned on. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
	@ConditionalOnTcpGatewayEnabled
	static class ClusterNodeConfiguration {

		/**
		 * While Redis is away, commands fail at once rather than wait in Lettuce's queue,
		 * so that cluster operations answer "Redis unreachable" without delay.
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer tcpGatewayClusterClientOptions() {
			return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

		@Bean
		ClusterNode tcpGatewayClusterNode(ConnectionRegistry registry, GatewayServer server, ClusterProperties cluster,
				TcpGatewayProperties properties, RedisConnectionFactory redis, ObjectProvider<ClusterMetrics> metrics,
				ObjectProvider<TcpGatewayObservations> observations) {
			ClusterSettings settings = settings(cluster, properties);
			ClusterMetrics counted = metrics.getIfAvailable(() -> ClusterMetrics.NONE);
			return new ClusterNode(registry, server, settings,
					new RedisLink(redisClient(redis), settings.timeout(), counted), counted, observed(observations));
		}

		private static ClusterObservations observed(ObjectProvider<TcpGatewayObservations> observations) {
			return new ClusterObservations(observations.getIfAvailable(() -> TcpGatewayObservations.NONE));
		}

		@Bean
		ClusterConnections tcpGatewayClusterConnections(ConnectionRegistry registry, ClusterNode node,
				ClusterProperties cluster, TcpGatewayProperties properties,
				ObjectProvider<TcpGatewayObservations> observations) {
			return new ClusterConnections(registry, node, node.link(), settings(cluster, properties).maxPushBytes(),
					observed(observations));
		}

		/** Every gateway's connections for the operator, in place of this gateway's. */
		@Bean
		@Primary
		ClusterWideConnections tcpGatewayClusterWideConnections(LocalConnections local,
				ClusterConnections connections) {
			return new ClusterWideConnections(local, connections);
		}

		private static ClusterSettings settings(ClusterProperties cluster, TcpGatewayProperties properties) {
			Duration timeout = cluster.getTimeout();
			return new ClusterSettings(cluster.getNodeId(), cluster.getEntryTtl(), cluster.getKeyPrefix(), timeout,
					cluster.getQueueCapacity(),
					(int) Math.min(Integer.MAX_VALUE, properties.getMaxMessageSize().toBytes()));
		}

		/** The client Boot configured; it connects only when the cluster thread asks. */
		private static Supplier<RedisClient> redisClient(RedisConnectionFactory redis) {
			if (!(redis instanceof LettuceConnectionFactory lettuce)) {
				throw new IllegalStateException("tcp-gateway.cluster needs Spring Boot's Lettuce client for Redis, not "
						+ redis.getClass().getName());
			}
			return () -> {
				if (lettuce.getRequiredNativeClient() instanceof RedisClient client) {
					return client;
				}
				throw new IllegalStateException(
						"tcp-gateway.cluster needs a standalone or Sentinel Redis (spring.data.redis.host or "
								+ "spring.data.redis.sentinel), not a Redis Cluster");
			};
		}

	}

	/**
	 * Counts the cluster's drops and failures, when Micrometer is there. The conditions
	 * are repeated: a member class is parsed before its enclosing class's beans are
	 * skipped.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnTcpGatewayEnabled
	static class ClusterMetricsConfiguration {

		@Bean
		ClusterMetrics tcpGatewayClusterMetrics(ObjectProvider<MeterRegistry> meterRegistry,
				TcpGatewayProperties properties) {
			MeterRegistry registry = meterRegistry.getIfAvailable();
			return (registry != null) ? new MicrometerClusterMetrics(registry, Tags.of(CommonTags.of(properties)))
					: ClusterMetrics.NONE;
		}

	}

	/** The {@code tcpGatewayCluster} health component, unless turned off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
	@ConditionalOnTcpGatewayEnabled
	static class ClusterHealthConfiguration {

		/**
		 * A member class of its own, so that the condition's own class is looked at only
		 * once health support is known to be there; the other conditions are repeated for
		 * an application that scans this package.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnProperty(prefix = "tcp-gateway.cluster", name = "enabled", havingValue = "true")
		@ConditionalOnEnabledHealthIndicator("tcp-gateway-cluster")
		@ConditionalOnTcpGatewayEnabled
		static class ClusterHealthIndicatorConfiguration {

			@Bean
			HealthIndicator tcpGatewayCluster(ClusterNode node) {
				return new ClusterHealthIndicator(node);
			}

		}

	}

}
