package io.tcpgateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tcpgateway.handler.TcpMessageHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference, {@code docs/configuration.md}, lists every
 * {@code tcp-gateway.*} property of the configuration metadata the build generates, each
 * in a table row of its own, and names no property the gateway does not have, so neither
 * a new property nor a typo in the docs goes unnoticed.
 */
class ConfigurationReferenceTests {

	private static final Path REFERENCE = Path.of("docs/configuration.md");

	private static final Pattern PROPERTY_NAME = Pattern.compile("tcp-gateway(?:\\.[a-z0-9][a-z0-9-]*)+");

	@Test
	void everyPropertyHasARowInTheReference() throws IOException {
		Map<String, String> properties = gatewayProperties();
		assertThat(properties).as("tcp-gateway.* properties in the gateway's configuration metadata").isNotEmpty();
		List<String> rows = Files.readAllLines(REFERENCE)
			.stream()
			.filter((line) -> line.matches("\\| `tcp-gateway\\.[^`]+` (\\|[^|]+){3}\\|"))
			.toList();
		assertThat(properties.keySet())
			.as("properties without a row | `name` | type | default | meaning | in %s", REFERENCE)
			.filteredOn((name) -> rows.stream().noneMatch((row) -> row.startsWith("| `" + name + "` |")))
			.isEmpty();
	}

	@Test
	void everyPropertyTheReferenceNamesExists() throws IOException {
		Map<String, String> properties = gatewayProperties();
		Set<String> named = new TreeSet<>();
		Matcher matcher = PROPERTY_NAME.matcher(Files.readString(REFERENCE));
		while (matcher.find()) {
			named.add(matcher.group());
		}
		assertThat(named).isNotEmpty()
			.allSatisfy((name) -> assertThat(exists(name, properties))
				.as("%s, named in %s, is a property in the configuration metadata", name, REFERENCE)
				.isTrue());
	}

	/**
	 * A name exists when the metadata lists it, or when it is a key under a property the
	 * metadata lists as a map ({@code prefix.map.KEY}).
	 */
	private static boolean exists(String name, Map<String, String> properties) {
		if (properties.containsKey(name)) {
			return true;
		}
		return properties.entrySet()
			.stream()
			.anyMatch((property) -> property.getValue().startsWith("java.util.Map<")
					&& name.startsWith(property.getKey() + "."));
	}

	/**
	 * The {@code tcp-gateway.*} properties, name to type, of the metadata generated from
	 * the gateway's own classes (not of other jars on the classpath).
	 */
	@SuppressWarnings("unchecked")
	private Map<String, String> gatewayProperties() throws IOException {
		String gatewayLocation = TcpMessageHandler.class.getProtectionDomain().getCodeSource().getLocation().toString();
		Map<String, String> properties = new TreeMap<>();
		Enumeration<URL> resources = getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (resources.hasMoreElements()) {
			URL resource = resources.nextElement();
			if (!resource.toString().contains(gatewayLocation)) {
				continue;
			}
			try (InputStream in = resource.openStream()) {
				Map<String, Object> metadata = JsonParserFactory.getJsonParser()
					.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
					String name = (String) property.get("name");
					if (name.startsWith("tcp-gateway.")) {
						properties.put(name, String.valueOf(property.get("type")));
					}
				}
			}
		}
		return properties;
	}

}
