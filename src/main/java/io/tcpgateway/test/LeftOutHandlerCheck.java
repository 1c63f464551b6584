package io.tcpgateway.test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.tcpgateway.flow.EchoHandler;
import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.integration.channel.AbstractSubscribableChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.util.ClassUtils;

/**
 * Fails a {@link TcpGatewayTest} whose gateway would answer with the echo while the
 * application declares a handler of frames that the slice left out: a test of the
 * application's protocol must never pass or fail against the echo without saying so.
 *
 * <p>
 * Runs once the endpoints have subscribed and before the gateway listens. When nothing is
 * subscribed to {@value TcpGatewayChannels#REQUESTS} and the handler is the echo, it
 * scans the application's packages for {@link FrameHandlerTypeFilter frame handlers} and
 * names those that are not in the slice.
 */
final class LeftOutHandlerCheck implements SmartLifecycle {

	private final ApplicationContext context;

	private final AbstractSubscribableChannel requests;

	/** The one handler, or {@code null} when there are several. */
	private final TcpMessageHandler handler;

	private volatile boolean running;

	LeftOutHandlerCheck(ApplicationContext context, AbstractSubscribableChannel requests, TcpMessageHandler handler) {
		this.context = context;
		this.requests = requests;
		this.handler = handler;
	}

	@Override
	public void start() {
		if (this.requests.getSubscriberCount() == 0 && this.handler instanceof EchoHandler) {
			List<String> leftOut = leftOut();
			if (!leftOut.isEmpty()) {
				throw new IllegalStateException("@TcpGatewayTest left out the application's handlers of frames "
						+ leftOut + ", so the echo would answer in their place; include them with @Import or "
						+ "@TcpGatewayTest(includeFilters = ...)");
			}
		}
		this.running = true;
	}

	private List<String> leftOut() {
		if (!AutoConfigurationPackages.has(this.context)) {
			return List.of();
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.context.getEnvironment());
		scanner.setResourceLoader(this.context);
		scanner.addIncludeFilter(new FrameHandlerTypeFilter(Set.of(TcpMessageHandler.class, IntegrationFlow.class)));
		// what the application's own component scan leaves out too: auto-configurations,
		// and the tests' own configuration, which a test imports where it wants it
		scanner.addExcludeFilter(
				(reader, factory) -> reader.getAnnotationMetadata().isAnnotated(AutoConfiguration.class.getName()));
		scanner.addExcludeFilter(
				(reader, factory) -> reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName()));
		Collection<TypeExcludeFilter> sliceFilters = this.context.getBeansOfType(TypeExcludeFilter.class).values();
		MetadataReaderFactory readers = new CachingMetadataReaderFactory(this.context);
		List<String> leftOut = new ArrayList<>();
		for (String basePackage : AutoConfigurationPackages.get(this.context)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String name = candidate.getBeanClassName();
				if (!inTheSlice(name) && excludedByTheSlice(name, sliceFilters, readers)) {
					leftOut.add(name);
				}
			}
		}
		return leftOut;
	}

	/**
	 * Whether the slice's filter left the class out; one it took in and a condition of
	 * its own then skipped (an {@code @ConditionalOnBean}, say) is the application's
	 * choice, not the slice's.
	 */
	private static boolean excludedByTheSlice(String className, Collection<TypeExcludeFilter> sliceFilters,
			MetadataReaderFactory readers) {
		try {
			MetadataReader reader = readers.getMetadataReader(className);
			for (TypeExcludeFilter filter : sliceFilters) {
				if (filter.match(reader, readers)) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			// unreadable here means unreadable to the slice's scan too: say so rather
			// than let the echo answer
			return true;
		}
	}

	private boolean inTheSlice(String className) {
		Class<?> type = ClassUtils.resolveClassName(className, this.context.getClassLoader());
		return this.context.getBeanNamesForType(type, true, false).length > 0;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * After the endpoints (at or below phase 0) have subscribed, before the gateway
	 * chooses its handler and the inbound channel adapter starts the listener.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE / 2 - 2;
	}

}
