package io.tcpgateway.server;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check of unknown properties knows the gateway's properties in an application with
 * neither Jackson nor Gson, where Boot's JSON parser falls back to its basic one, which
 * cannot read the configuration metadata: a plain Boot application that only adds the
 * gateway is such an application.
 */
class KnownPropertiesWithoutJsonLibraryTests {

	@Test
	void theGatewaysPropertiesAreKnownWithoutJacksonOrGson() throws Exception {
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		try (URLClassLoader withoutJson = new URLClassLoader(classPathWithoutJsonLibraries(),
				ClassLoader.getPlatformClassLoader())) {
			assertThat(withoutJson.getResource("com/fasterxml/jackson/databind/ObjectMapper.class")).isNull();
			assertThat(withoutJson.getResource("tools/jackson/databind/ObjectMapper.class")).isNull();
			assertThat(withoutJson.getResource("com/google/gson/Gson.class")).isNull();
			// the metadata is found through the context class loader, as in an
			// application
			thread.setContextClassLoader(withoutJson);
			Class<?> knownProperties = withoutJson.loadClass(UnknownPropertiesCheck.KnownProperties.class.getName());
			Class<?> propertyName = withoutJson
				.loadClass("org.springframework.boot.context.properties.source.ConfigurationPropertyName");
			Method load = knownProperties.getDeclaredMethod("load", String.class, String.class);
			load.setAccessible(true);
			Object known = load.invoke(null, UnknownPropertiesCheck.PREFIX,
					"classpath*:META-INF/spring-configuration-metadata.json");
			Method contains = knownProperties.getDeclaredMethod("contains", propertyName);
			contains.setAccessible(true);
			Method name = propertyName.getMethod("of", CharSequence.class);
			assertThat(contains.invoke(known, name.invoke(null, "tcp-gateway.port"))).isEqualTo(true);
			assertThat(contains.invoke(known, name.invoke(null, "tcp-gateway.heartbeat.interval"))).isEqualTo(true);
			assertThat(contains.invoke(known, name.invoke(null, "tcp-gateway.prot"))).isEqualTo(false);
		}
		finally {
			thread.setContextClassLoader(original);
		}
	}

	private static URL[] classPathWithoutJsonLibraries() {
		return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.contains("jackson") && !entry.contains("gson"))
			.map(KnownPropertiesWithoutJsonLibraryTests::url)
			.toArray(URL[]::new);
	}

	private static URL url(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(entry, ex);
		}
	}

}
