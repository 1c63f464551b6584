package io.tcpgateway.test;

import java.io.IOException;
import java.util.Set;

import io.tcpgateway.handler.TcpMessageHandler;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Lets a {@link TcpGatewayTest} scan the application's message handlers and flows, and
 * nothing else: a {@link TcpMessageHandler} or {@link IntegrationFlow} component, and a
 * {@code @Configuration} class that declares a bean of one of those types (or a subtype),
 * as {@code @WebMvcTest} takes controllers. Without its flow the slice would answer with
 * the echo instead, which {@link LeftOutHandlerCheck} turns into a failure.
 */
final class TcpGatewayTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<TcpGatewayTest> {

	private static final FrameHandlerTypeFilter HANDLERS = new FrameHandlerTypeFilter(
			Set.of(TcpMessageHandler.class, IntegrationFlow.class));

	TcpGatewayTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return Set.of(TcpMessageHandler.class, IntegrationFlow.class);
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		return super.defaultInclude(metadataReader, metadataReaderFactory)
				|| HANDLERS.declaresHandler(metadataReader.getAnnotationMetadata(), metadataReaderFactory);
	}

}
