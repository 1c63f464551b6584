package io.tcpgateway.test;

import java.util.Set;

import io.tcpgateway.handler.TcpMessageHandler;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Lets a {@link TcpGatewayTest} scan the application's message handlers and nothing else.
 */
final class TcpGatewayTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<TcpGatewayTest> {

	TcpGatewayTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return Set.of(TcpMessageHandler.class);
	}

}
