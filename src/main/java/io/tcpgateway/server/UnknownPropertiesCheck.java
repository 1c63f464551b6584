package io.tcpgateway.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Fails startup on a property under {@code tcp-gateway.*} that nothing reads, naming the
 * nearest known one: a misspelt key would otherwise leave its default in force without a
 * word, and for a limit or a trust setting that default may be the unsafe one.
 *
 * <p>
 * The known names are those of the configuration metadata every
 * {@code @ConfigurationProperties} class on the classpath is compiled with, so a
 * feature's own properties class is known without being listed here; a property read only
 * through {@code @Value} or {@code @ConditionalOnProperty} belongs in
 * {@code META-INF/additional-spring-configuration-metadata.json}. Runs before any bean is
 * made, so nothing starts with a mistyped setting. A group of properties
 * ({@code tcp-gateway.heartbeat}) given a value of its own, which is what a YAML block
 * header whose children are all commented out becomes (an empty one), is reported as
 * such: the binder would refuse it too, but only as a value it cannot convert.
 * Environment variables are not checked: the platform sets some of its own under the same
 * prefix (Kubernetes sets {@code TCP_GATEWAY_SERVICE_HOST} for a Service named
 * {@code tcp-gateway}).
 */
class UnknownPropertiesCheck implements BeanFactoryPostProcessor {

	static final String PREFIX = "tcp-gateway";

	private static final String METADATA = "classpath*:META-INF/spring-configuration-metadata.json";

	private static final Log logger = LogFactory.getLog(UnknownPropertiesCheck.class);

	private final ConfigurableEnvironment environment;

	UnknownPropertiesCheck(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		KnownProperties known = KnownProperties.load(PREFIX, METADATA);
		if (known.isEmpty()) {
			// compiled without the configuration processor (some IDEs): better no check
			// than every property reported unknown
			logger.debug("No configuration metadata for " + PREFIX + ".*, so unknown properties are not checked");
			return;
		}
		Map<ConfigurationPropertyName, UnknownProperty> unknown = new LinkedHashMap<>();
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
				iterable.filter(prefix::isAncestorOf)
					.stream()
					.filter((name) -> !known.contains(name) && !unknown.containsKey(name))
					.forEach((name) -> unknown.put(name, new UnknownProperty(source.getConfigurationProperty(name),
							known.isGroup(name) ? null : known.nearest(name), known.isGroup(name))));
			}
		}
		if (!unknown.isEmpty()) {
			throw new UnknownPropertiesException(new ArrayList<>(unknown.values()));
		}
	}

	/**
	 * One property nothing reads.
	 *
	 * @param property its name, value and origin
	 * @param suggestion the nearest known name, or {@code null} when none is near
	 * @param group whether the name is that of a group of properties, which takes no
	 * value of its own
	 */
	record UnknownProperty(ConfigurationProperty property, String suggestion, boolean group) {

		/** Why the property is refused, and what to do. */
		String reason() {
			if (this.group) {
				return "a group of properties, which takes no value of its own: set properties under it, or remove it";
			}
			return (this.suggestion != null) ? "did you mean " + this.suggestion + "?" : "no property of that name";
		}

		@Override
		public String toString() {
			return this.property.getName() + " (" + reason() + ")";
		}

	}

	/**
	 * The property names of the configuration metadata under a prefix, and the groups
	 * they are in.
	 */
	static final class KnownProperties {

		private final Map<ConfigurationPropertyName, Boolean> names;

		private final Set<ConfigurationPropertyName> groups = new LinkedHashSet<>();

		private KnownProperties(Map<ConfigurationPropertyName, Boolean> names, ConfigurationPropertyName root) {
			this.names = names;
			for (ConfigurationPropertyName name : names.keySet()) {
				for (ConfigurationPropertyName parent = name.getParent(); root
					.isAncestorOf(parent); parent = parent.getParent()) {
					this.groups.add(parent);
				}
			}
		}

		/**
		 * Reads the metadata with Boot's own reader of it: the JSON parser a host happens
		 * to have on its classpath may be Boot's basic one, which cannot read it.
		 */
		static KnownProperties load(String prefix, String location) {
			Map<ConfigurationPropertyName, Boolean> names = new LinkedHashMap<>();
			ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
			try {
				for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
					byte[] json = resource.getContentAsByteArray();
					// a property's name is written out whole: a file without the prefix
					// has none of ours, and the parse of every library's metadata was
					// most of this check's time at startup
					if (!new String(json, StandardCharsets.UTF_8).contains(prefix)) {
						continue;
					}
					ConfigurationMetadataRepository metadata = ConfigurationMetadataRepositoryJsonBuilder
						.create(new ByteArrayInputStream(json))
						.build();
					for (ConfigurationMetadataProperty property : metadata.getAllProperties().values()) {
						ConfigurationPropertyName name = ConfigurationPropertyName.of(property.getId());
						if (root.isAncestorOf(name)) {
							names.put(name, holdsEntries(property.getType()));
						}
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read the configuration metadata: " + ex.getMessage(), ex);
			}
			return new KnownProperties(names, root);
		}

		/** Maps and lists take keys and indexes below their own name. */
		private static boolean holdsEntries(String type) {
			return type != null && (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
					|| type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
					|| type.endsWith("[]"));
		}

		boolean isEmpty() {
			return this.names.isEmpty();
		}

		/** Compared as the binder compares them: case, dashes and camel case relaxed. */
		boolean contains(ConfigurationPropertyName name) {
			return this.names.entrySet()
				.stream()
				.anyMatch((known) -> known.getKey().equals(name)
						|| (known.getValue() && known.getKey().isAncestorOf(name)));
		}

		/** Whether properties are known below this name. */
		boolean isGroup(ConfigurationPropertyName name) {
			return this.groups.contains(name);
		}

		/**
		 * @return the known name or group nearest to a misspelt one, or {@code null} when
		 * none is within a few edits
		 */
		String nearest(ConfigurationPropertyName name) {
			String wanted = comparable(name);
			String nearest = null;
			int best = Math.max(2, wanted.length() / 5) + 1;
			List<ConfigurationPropertyName> candidates = new ArrayList<>(this.names.keySet());
			candidates.addAll(this.groups);
			for (ConfigurationPropertyName known : candidates) {
				int distance = Levenshtein.distance(wanted, comparable(known));
				if (distance < best) {
					best = distance;
					nearest = known.toString();
				}
			}
			return nearest;
		}

		private static String comparable(ConfigurationPropertyName name) {
			return name.toString().replace("-", "");
		}

	}

	/** Edit distance, for suggesting the property that was meant. */
	static final class Levenshtein {

		private Levenshtein() {
		}

		static int distance(String a, String b) {
			int[] previous = new int[b.length() + 1];
			int[] current = new int[b.length() + 1];
			for (int j = 0; j <= b.length(); j++) {
				previous[j] = j;
			}
			for (int i = 1; i <= a.length(); i++) {
				current[0] = i;
				for (int j = 1; j <= b.length(); j++) {
					int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
					current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
				}
				int[] swap = previous;
				previous = current;
				current = swap;
			}
			return previous[b.length()];
		}

	}

}
