package io.tcpgateway.server;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every auto-configuration the gateway lists, as a host application gets them, with the
 * few of Spring Boot's the core needs, for context runners.
 */
final class GatewayAutoConfigurations {

	private GatewayAutoConfigurations() {
	}

	static AutoConfigurations all() {
		List<Class<?>> classes = new ArrayList<>(List.of(PropertyPlaceholderAutoConfiguration.class,
				SslAutoConfiguration.class, IntegrationAutoConfiguration.class));
		ClassLoader loader = GatewayAutoConfigurations.class.getClassLoader();
		for (String name : ImportCandidates.load(AutoConfiguration.class, loader)) {
			if (name.startsWith("io.tcpgateway.")) {
				try {
					classes.add(Class.forName(name, false, loader));
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
	}

	/**
	 * @return the names of the beans the gateway's own classes make
	 */
	static List<String> gatewayBeans(ConfigurableApplicationContext context) {
		List<String> names = new ArrayList<>();
		for (String name : context.getBeanDefinitionNames()) {
			Class<?> type = context.getType(name);
			if (type != null && type.getName().startsWith("io.tcpgateway.")) {
				names.add(name + " (" + type.getName() + ")");
			}
		}
		return names;
	}

}
