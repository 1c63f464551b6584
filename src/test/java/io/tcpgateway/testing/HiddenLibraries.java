package io.tcpgateway.testing;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.springframework.boot.test.context.FilteredClassLoader;

/**
 * A class loader without some libraries, as a host application that does not depend on
 * them: their classes are hidden, and so are their jars' resources, whose
 * {@code spring.factories} and auto-configuration lists would name classes that cannot be
 * loaded.
 */
public final class HiddenLibraries extends FilteredClassLoader {

	/** Spring Security and Spring Boot's support for it. */
	public static final HiddenLibraries SECURITY = new HiddenLibraries(
			List.of("org.springframework.security.", "org.springframework.boot.security."),
			List.of("spring-security-", "spring-boot-security-"));

	/**
	 * Spring Security's configuration and Spring Boot's support for it, its web filters
	 * still there: an application that another library brought
	 * {@code spring-security-web} to, without securing anything.
	 */
	public static final HiddenLibraries SECURITY_CONFIGURATION = new HiddenLibraries(
			List.of("org.springframework.security.config.", "org.springframework.boot.security."),
			List.of("spring-security-config-", "spring-boot-security-"));

	/**
	 * Spring Boot's RestTemplateBuilder and HTTP client support, as in an application
	 * that added spring-integration-http alone.
	 */
	public static final HiddenLibraries BOOT_REST_CLIENT = new HiddenLibraries(
			List.of("org.springframework.boot.restclient.", "org.springframework.boot.http.client."),
			List.of("spring-boot-restclient-", "spring-boot-http-client-"));

	/** Redis's Lettuce client, as in an application on Spring Data Redis with Jedis. */
	public static final HiddenLibraries LETTUCE = new HiddenLibraries(List.of("io.lettuce."), List.of("lettuce-core-"));

	/**
	 * Netty and its native TLS libraries, as in an application that brought neither
	 * (Lettuce, which needs Netty, is hidden with it).
	 */
	public static final HiddenLibraries NETTY = new HiddenLibraries(List.of("io.netty.", "io.lettuce."),
			List.of("netty-", "lettuce-core-"));

	/**
	 * Every optional dependency of the gateway: the HTTP client bridge, Redis, Actuator,
	 * Micrometer, web and Spring Security.
	 */
	public static final HiddenLibraries OPTIONAL = new HiddenLibraries(List.of("org.springframework.integration.http.",
			"io.lettuce.", "org.springframework.data.redis.", "org.springframework.boot.data.redis.",
			"org.springframework.boot.actuate.", "org.springframework.boot.health.", "io.micrometer.core.",
			"io.micrometer.prometheusmetrics.", "org.springframework.security.", "org.springframework.boot.security.",
			"org.springframework.web.", "org.springframework.http.", "org.springframework.boot.webmvc.",
			"org.springframework.boot.web.server.", "org.springframework.boot.tomcat.", "org.apache.catalina.",
			"jakarta.servlet.", "org.springframework.boot.restclient.", "org.springframework.boot.http.client."),
			List.of("spring-integration-http-", "lettuce-core-", "spring-data-redis-", "spring-boot-data-redis-",
					"spring-boot-actuator", "spring-boot-health-", "micrometer-core-",
					"micrometer-registry-prometheus-", "spring-security-", "spring-boot-security-", "spring-web-",
					"spring-webmvc-", "spring-boot-webmvc-", "spring-boot-web-server-", "spring-boot-tomcat-",
					"tomcat-embed-", "spring-boot-restclient-", "spring-boot-http-client-"));

	private final List<String> jars;

	private HiddenLibraries(List<String> packages, List<String> jars) {
		super(packages.toArray(String[]::new));
		this.jars = jars;
	}

	@Override
	public URL getResource(String name) {
		URL url = super.getResource(name);
		return (url != null && hidden(url)) ? null : url;
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		List<URL> visible = new ArrayList<>();
		for (URL url : Collections.list(super.getResources(name))) {
			if (!hidden(url)) {
				visible.add(url);
			}
		}
		return Collections.enumeration(visible);
	}

	private boolean hidden(URL url) {
		String path = url.toString();
		return this.jars.stream().anyMatch((jar) -> path.contains("/" + jar));
	}

}
