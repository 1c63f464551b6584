package io.tcpgateway.security;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;

import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Puts every Actuator endpoint behind HTTP Basic and the gateway's roles, as Spring
 * Boot's reference secures endpoints, with health, the probes and (unless closed)
 * Prometheus open. Backs off, like Boot's own, when the application defines a
 * {@link SecurityFilterChain} of its own.
 */
// after the OAuth2 and SAML auto-configurations: an application that secures itself with
// them
// through properties alone keeps its chain, which then governs Actuator too
@AutoConfiguration(before = { ManagementWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class },
		afterName = { "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
				"org.springframework.boot.security.saml2.autoconfigure.Saml2RelyingPartyAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, EndpointRequest.class, HealthEndpoint.class })
@ConditionalOnMissingBean(SecurityFilterChain.class)
@EnableConfigurationProperties(TcpGatewaySecurityProperties.class)
@ConditionalOnTcpGatewayEnabled
public class ManagementSecurityAutoConfiguration {

	/** May read connections, loggers and every other endpoint; may change nothing. */
	public static final String VIEWER = "TCP_GATEWAY_VIEWER";

	/**
	 * May also push to and close connections, change loggers, and write to any endpoint.
	 */
	public static final String ADMIN = "TCP_GATEWAY_ADMIN";

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

	/** Endpoints that only an admin may even read, where they are exposed. */
	private static final String[] ADMIN_ONLY_ENDPOINTS = { "heapdump", "threaddump", "env", "configprops" };

	@Bean
	@Order(SecurityFilterProperties.BASIC_AUTH_ORDER - 1)
	SecurityFilterChain tcpGatewayManagementSecurityFilterChain(HttpSecurity http,
			TcpGatewaySecurityProperties properties) {
		RequestMatcher read = (request) -> READ_METHODS.contains(request.getMethod());
		http.securityMatcher(EndpointRequest.toAnyEndpoint()).authorizeHttpRequests((requests) -> {
			// health shows its details only to an authenticated user
			// (management.endpoint.health.show-details=when-authorized)
			// open for reads only: any other method falls through to the role rules
			requests.requestMatchers(new AndRequestMatcher(EndpointRequest.to(HealthEndpoint.class), read)).permitAll();
			if (properties.isPrometheusOpen()) {
				requests.requestMatchers(new AndRequestMatcher(EndpointRequest.to("prometheus"), read)).permitAll();
			}
			// a heap dump holds the admin password; a thread dump, the environment and
			// the
			// configuration properties can show other secrets
			requests.requestMatchers(EndpointRequest.to(ADMIN_ONLY_ENDPOINTS)).hasRole(ADMIN);
			requests.requestMatchers(read).hasAnyRole(VIEWER, ADMIN);
			requests.anyRequest().hasRole(ADMIN);
		});
		http.httpBasic(withDefaults());
		// no session, so no cookie a browser could be made to replay: CSRF has nothing to
		// protect, and curl -u can POST without a token
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	/**
	 * Everything but Actuator, secured as Spring Boot's default chain secures it. Boot's
	 * default backs off once any chain is defined, the one above included, and an
	 * application that takes the gateway as a dependency must not find its own pages open
	 * for it.
	 */
	@Bean
	@Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
	SecurityFilterChain tcpGatewayDefaultSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> {
			// the error page a refusal forwards to (the body limit's 413, a 404, this
			// chain's own 401) keeps its status instead of turning into a 401
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			requests.anyRequest().authenticated();
		});
		http.formLogin(withDefaults());
		http.httpBasic(withDefaults());
		return http.build();
	}

	/**
	 * Passwords compared in constant time; see {@link ManagementPasswordEncoder}.
	 */
	@Bean
	@ConditionalOnMissingBean
	PasswordEncoder tcpGatewayPasswordEncoder() {
		return new ManagementPasswordEncoder();
	}

	/**
	 * Takes every role from Spring Boot's user when its password is generated (none was
	 * set, or an empty one, as in the shipped Kubernetes Secret): that password is logged
	 * unless a log level hides it, so it must open nothing.
	 */
	@Bean
	static BeanPostProcessor tcpGatewayGeneratedUserHasNoRoles() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof SecurityProperties security && security.getUser().isPasswordGenerated()) {
					security.getUser().setRoles(List.of());
				}
				return bean;
			}

		};
	}

	@Bean
	NoAdminWarning noAdminWarning(ObjectProvider<SecurityProperties> security,
			ObjectProvider<UserDetailsService> users) {
		return new NoAdminWarning(security, users);
	}

	/**
	 * Counts refused authentications when Micrometer is there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnTcpGatewayEnabled
	static class AuthenticationFailureMeterConfiguration {

		@Bean
		AuthenticationFailureMeter authenticationFailureMeter() {
			return new AuthenticationFailureMeter();
		}

	}

}
