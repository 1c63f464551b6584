package io.tcpgateway;

import java.util.List;
import java.util.Map;

import io.tcpgateway.testing.ActuatorHttp;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;
import org.springframework.web.multipart.MultipartResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configurations nothing in the runnable application uses are left out of it,
 * and only of it, by their current names, without taking Actuator with them.
 */
class RunnableApplicationUnusedFilterTests {

	@Test
	void everyNameIsAnAutoConfigurationOnTheClassPath() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();
		assertThat(candidates).containsAll(RunnableApplicationUnusedFilter.UNUSED);
	}

	@Test
	void theyAreLeftOutOfTheRunnableApplicationOnly() {
		String[] candidates = { "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
				"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" };
		assertThat(filter(TcpGatewayApplication.class).match(candidates, null)).containsExactly(false, true);
		assertThat(filter(TcpGatewayApplicationDefaultsTests.AnotherApplication.class).match(candidates, null))
			.containsExactly(true, true);
	}

	@Test
	void theStartedGatewayHasNoneOfTheirBeansAndActuatorAnswers() throws Exception {
		try (RunningGateway gateway = RunningGateway.startWithActuator()) {
			assertThat(gateway.context().getBeanNamesForType(PersistenceExceptionTranslationPostProcessor.class))
				.isEmpty();
			assertThat(gateway.context().getBeanNamesForType(MultipartResolver.class)).isEmpty();
			assertThat(new ActuatorHttp(gateway.httpPort()).get("/actuator/health").statusCode()).isEqualTo(200);
		}
	}

	private static RunnableApplicationUnusedFilter filter(Class<?> application) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("operator", Map.of()));
		new TcpGatewayApplicationDefaults().postProcessEnvironment(environment, new SpringApplication(application));
		RunnableApplicationUnusedFilter filter = new RunnableApplicationUnusedFilter();
		filter.setEnvironment(environment);
		return filter;
	}

}
