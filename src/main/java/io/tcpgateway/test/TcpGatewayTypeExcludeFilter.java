package io.tcpgateway.test;

import java.io.IOException;
import java.util.Set;

import io.tcpgateway.handler.TcpMessageHandler;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Lets a {@link TcpGatewayTest} scan the application's message handlers and flows, and
 * nothing else: a {@link TcpMessageHandler} or {@link IntegrationFlow} component, and a
 * {@code @Configuration} class that declares an {@code IntegrationFlow} bean, as
 * {@code @WebMvcTest} takes controllers. Without its flow the slice would answer with the
 * echo instead.
 */
final class TcpGatewayTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<TcpGatewayTest> {

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
				|| declaresFlows(metadataReader.getAnnotationMetadata());
	}

	private static boolean declaresFlows(AnnotationMetadata type) {
		if (!type.isAnnotated(Configuration.class.getName())) {
			return false;
		}
		for (MethodMetadata method : type.getAnnotatedMethods(Bean.class.getName())) {
			if (method.getReturnTypeName().equals(IntegrationFlow.class.getName())) {
				return true;
			}
		}
		return false;
	}

}
