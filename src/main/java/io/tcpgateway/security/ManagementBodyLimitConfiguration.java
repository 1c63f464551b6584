package io.tcpgateway.security;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Bounds the request bodies of the management server, whether Actuator shares the
 * application's port or has one of its own ({@code management.server.port}), ahead of
 * Spring Security so that no request, authenticated or not, is buffered past the bound.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ManagementBodyLimitConfiguration {

	/**
	 * Before Spring Security's filter (order -100) and every filter that could read a
	 * body.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> tcpGatewayRequestBodyLimitFilter(
			ObjectProvider<ManagementBodyLimit> limit, WebEndpointProperties endpoints) {
		long maxBytes = limit.getIfAvailable(() -> new ManagementBodyLimit(ManagementBodyLimit.CEILING)).maxBytes();
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(maxBytes));
		String basePath = endpoints.getBasePath();
		// only the management endpoints, when they share a server with the application's
		// own pages
		if (basePath.isEmpty()) {
			registration.addUrlPatterns("/*");
		}
		else {
			registration.addUrlPatterns(basePath, basePath + "/*");
		}
		registration.setOrder(ORDER);
		return registration;
	}

}
