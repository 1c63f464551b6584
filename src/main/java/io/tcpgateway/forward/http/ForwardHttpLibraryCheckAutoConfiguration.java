package io.tcpgateway.forward.http;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Fails startup when {@code tcp-gateway.forward.http.url} is set in an application
 * without {@code spring-integration-http} or {@code spring-boot-restclient}: the bridge
 * would otherwise be left out without a word, and the gateway would echo what it was
 * meant to forward.
 */
@AutoConfiguration
@ConditionalOnTcpGatewayEnabled
@Conditional(ForwardHttpLibraryCheckAutoConfiguration.ALibraryIsMissing.class)
@ConditionalOnProperty(prefix = "tcp-gateway.forward.http", name = "url")
public class ForwardHttpLibraryCheckAutoConfiguration {

	@Bean
	static Object tcpGatewayForwardHttpLibraryCheck(Environment environment) {
		throw new InvalidConfigurationPropertyValueException("tcp-gateway.forward.http.url",
				environment.getProperty("tcp-gateway.forward.http.url"),
				"The HTTP bridge needs spring-integration-http and spring-boot-restclient on the classpath: add "
						+ "the dependencies org.springframework.integration:spring-integration-http and "
						+ "org.springframework.boot:spring-boot-restclient");
	}

	/** Either of the bridge's libraries is not on the classpath. */
	static final class ALibraryIsMissing extends AnyNestedCondition {

		ALibraryIsMissing() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingClass("org.springframework.integration.http.dsl.Http")
		static final class NoSpringIntegrationHttp {

		}

		@ConditionalOnMissingClass("org.springframework.boot.restclient.RestTemplateBuilder")
		static final class NoBootRestClient {

		}

	}

}
