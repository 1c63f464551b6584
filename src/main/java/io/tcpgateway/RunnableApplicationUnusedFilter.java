package io.tcpgateway;

import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out of the runnable application the Spring Boot auto-configurations that its
 * class path switches on but nothing in it uses; any other application keeps them.
 *
 * <p>
 * The Redis starter brings Spring Data and Spring's transactions, the HTTP bridge brings
 * the reactive HTTP client's classes, Actuator's web server brings multipart uploads: the
 * gateway has no repository, no transaction, no reactive client and no upload, yet each
 * of these would load its classes and register its beans (the persistence exception
 * translator is a post-processor that looks at every bean) at every start. A filter
 * rather than a {@code spring.autoconfigure.exclude} default, as for
 * {@link RunnableApplicationRedisFilter}: an operator's own exclusions do not bring these
 * back.
 */
class RunnableApplicationUnusedFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	static final Set<String> UNUSED = Set.of(
			"org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
			"org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
			"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
			"org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration",
			"org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration",
			"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
			"org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean leaveOut = TcpGatewayApplicationDefaults.addedTo(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// null: left out by an earlier filter
			String candidate = autoConfigurationClasses[i];
			matches[i] = !leaveOut || candidate == null || !UNUSED.contains(candidate);
		}
		return matches;
	}

}
