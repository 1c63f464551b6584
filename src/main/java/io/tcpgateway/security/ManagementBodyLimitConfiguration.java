package io.tcpgateway.security;

import io.tcpgateway.server.ConditionalOnTcpGatewayEnabled;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Bounds the request bodies of the management server, whether Actuator shares the
 * application's port or has one of its own ({@code management.server.port}), ahead of
 * Spring Security so that no request, authenticated or not, is buffered past the bound.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(ManagementBodyLimitConfiguration.ServesManagementEndpoints.class)
@ConditionalOnTcpGatewayEnabled
class ManagementBodyLimitConfiguration {

	/**
	 * Before Spring Security's filter (order -100) and every filter that could read a
	 * body.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final String ENDPOINT_REQUEST = "org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest";

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> tcpGatewayRequestBodyLimitFilter(
			ObjectProvider<ManagementBodyLimit> limit, WebEndpointProperties endpoints) {
		long maxBytes = limit.getIfAvailable(() -> new ManagementBodyLimit(ManagementBodyLimit.CEILING)).maxBytes();
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(maxBytes));
		if (ClassUtils.isPresent(ENDPOINT_REQUEST, getClass().getClassLoader())) {
			// every request, each decided as Spring Security decides it: Actuator may sit
			// under spring.mvc.servlet.path, and a host application's own requests are
			// left as they are
			registration.addUrlPatterns("/*");
			registration.getFilter().onlyFor(AnyEndpoint.matcher());
			return ordered(registration);
		}
		String basePath = endpoints.getBasePath();
		// only the management endpoints, when they share a server with the application's
		// own pages
		if (basePath.isEmpty()) {
			registration.addUrlPatterns("/*");
		}
		else {
			registration.addUrlPatterns(basePath, basePath + "/*");
		}
		return ordered(registration);
	}

	private static FilterRegistrationBean<RequestBodyLimitFilter> ordered(
			FilterRegistrationBean<RequestBodyLimitFilter> registration) {
		registration.setOrder(ORDER);
		return registration;
	}

	/**
	 * Kept apart so that this configuration loads without Spring Security.
	 */
	private static final class AnyEndpoint {

		static Predicate<HttpServletRequest> matcher() {
			return EndpointRequest.toAnyEndpoint()::matches;
		}

	}

	/**
	 * Whether this context serves the management endpoints: the application's own when
	 * they share its port, else the child context Boot creates for their port. The
	 * gateway application's component scan also finds this class in its own context,
	 * where, with a port of their own, it has nothing to bound.
	 */
	static class ServesManagementEndpoints implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ManagementPortType port = ManagementPortType.get(context.getEnvironment());
			return port == ManagementPortType.SAME || (port == ManagementPortType.DIFFERENT
					&& context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null);
		}

	}

}
