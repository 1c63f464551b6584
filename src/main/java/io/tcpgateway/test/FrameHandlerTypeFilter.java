package io.tcpgateway.test;

import java.io.IOException;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Component;

/**
 * Matches the application's components that handle the gateway's frames: a component that
 * is one of the given types, or one with a {@code @Bean} method returning one of them or
 * a subtype. Reads class files only, loading no class.
 */
final class FrameHandlerTypeFilter implements TypeFilter {

	private final Set<Class<?>> types;

	FrameHandlerTypeFilter(Set<Class<?>> types) {
		this.types = types;
	}

	@Override
	public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
		AnnotationMetadata type = reader.getAnnotationMetadata();
		if (!type.isAnnotated(Component.class.getName())) {
			return false;
		}
		return isHandler(reader, factory) || declaresHandler(type, factory);
	}

	boolean declaresHandler(AnnotationMetadata type, MetadataReaderFactory factory) {
		for (MethodMetadata method : type.getAnnotatedMethods(Bean.class.getName())) {
			try {
				if (isHandler(factory.getMetadataReader(method.getReturnTypeName()), factory)) {
					return true;
				}
			}
			catch (IOException ex) {
				// a primitive or a type without a class file: not a handler
			}
		}
		return false;
	}

	private boolean isHandler(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
		for (Class<?> handlerType : this.types) {
			if (new AssignableTypeFilter(handlerType).match(reader, factory)) {
				return true;
			}
		}
		return false;
	}

}
