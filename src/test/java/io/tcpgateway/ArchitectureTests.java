package io.tcpgateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure of the gateway's own (main) classes: no package cycles, a
 * Spring-free core, a core that knows no feature, features that know no other feature,
 * the configuration properties kept to the composition root and each room's
 * auto-configuration, and no type public outside the API that only its own package uses.
 */
class ArchitectureTests {

	/** The core: what every gateway runs. */
	private static final String[] CORE = { "io.tcpgateway.connection..", "io.tcpgateway.framing..",
			"io.tcpgateway.tls..", "io.tcpgateway.proxy..", "io.tcpgateway.limits..", "io.tcpgateway.flow..",
			"io.tcpgateway.handler..", "io.tcpgateway.server..", "io.tcpgateway.logging..",
			"io.tcpgateway.observation.." };

	/** The features, each switched on by the classpath or its properties. */
	private static final String[] FEATURES = { "io.tcpgateway.forward.tcp..", "io.tcpgateway.forward.http..",
			"io.tcpgateway.cluster..", "io.tcpgateway.admin..", "io.tcpgateway.metrics..", "io.tcpgateway.health..",
			"io.tcpgateway.security.." };

	/**
	 * What pom.xml declares optional: each feature's own libraries, and what they bring.
	 */
	private static final String[] OPTIONAL_LIBRARIES = { "org.springframework.integration.http..",
			"org.springframework.data.redis..", "io.lettuce..", "org.springframework.boot.actuate..",
			"org.springframework.boot.health..", "io.micrometer.core..", "io.micrometer.prometheus..",
			"org.springframework.web..", "org.springframework.http..", "org.springframework.security..",
			"jakarta.servlet..", "org.springframework.boot.restclient..", "org.springframework.boot.http.client.." };

	/**
	 * The packages of the public API: the handler seam applications implement, the test
	 * slice, and the framing SPI.
	 */
	private static final String[] API_PACKAGES = { "io.tcpgateway.handler..", "io.tcpgateway.test..",
			"io.tcpgateway.framing..", "io.tcpgateway.observation.." };

	/**
	 * The public API's types elsewhere: the cluster's operations and what they return,
	 * and the meter names (constants, which the compiler copies into their users, so that
	 * no use of them shows in the classes).
	 */
	private static final Set<String> API_TYPES = Set.of("io.tcpgateway.cluster.ClusterConnections",
			"io.tcpgateway.cluster.ClusterResult", "io.tcpgateway.cluster.ClusterListing",
			"io.tcpgateway.cluster.ClusterEntry", "io.tcpgateway.cluster.ClusterUnavailableException",
			"io.tcpgateway.metrics.GatewayMeters");

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.tcpgateway");
	}

	@Test
	void packagesHaveNoCycles() {
		// every package is its own slice, named in full: io.tcpgateway itself, each
		// top-level package and each subpackage such as connection.nio, so a cycle
		// between a package and its subpackage counts too ("io.tcpgateway.(**)" would
		// leave out the classes of io.tcpgateway itself)
		ArchRule rule = slices().matching("(io.tcpgateway..)").should().beFreeOfCycles();
		rule.check(classes);
	}

	@Test
	void framingProxyAndHandlerAreFreeOfSpringAndServer() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage("io.tcpgateway.framing..", "io.tcpgateway.proxy..", "io.tcpgateway.handler..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.tcpgateway.server..");
		rule.check(classes);
	}

	@Test
	void onlyServerAndAutoConfigurationsSeeTheProperties() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("io.tcpgateway.server..")
			.and(not(autoConfigurationOrMember()))
			.and(not(simpleNameEndingWith("Properties")))
			.should()
			.dependOnClassesThat(resideInAPackage("io.tcpgateway..").and(simpleNameEndingWith("Properties")))
			.because("runtime classes are given the settings they need, never the properties type");
		rule.check(classes);
	}

	@Test
	void noCorePackageDependsOnAFeature() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FEATURES)
			.because("a feature plugs into the core through its seams; the core works without any feature");
		rule.check(classes);
	}

	@Test
	void noFeatureDependsOnAnotherFeature() {
		for (String feature : FEATURES) {
			String[] others = Arrays.stream(FEATURES).filter((other) -> !other.equals(feature)).toArray(String[]::new);
			ArchRule rule = noClasses().that()
				.resideInAPackage(feature)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.because("each feature is a room of its own, switched on by the classpath");
			rule.check(classes);
		}
	}

	@Test
	void theCoreNeedsNoOptionalLibrary() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(OPTIONAL_LIBRARIES)
			.because("the core runs in a host that has none of the optional dependencies");
		rule.check(classes);
	}

	@Test
	void onlyOneClassOfTheTlsPackageNamesNetty() {
		// loaded only for tcp-gateway.ssl.provider=openssl; Netty is optional
		ArchRule rule = noClasses().that()
			.doNotHaveFullyQualifiedName("io.tcpgateway.tls.OpenSslEngines")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.netty..")
			.because("a host without Netty must never load a class that names it");
		rule.check(classes);
	}

	@Test
	void publicTypesOutsideTheApiAreUsedByAnotherPackage() throws IOException {
		ArchRule rule = classes().that()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.and()
			.resideOutsideOfPackages(API_PACKAGES)
			.and(not(namedIn(API_TYPES, "the API's types elsewhere")))
			.and(not(annotatedWith(AutoConfiguration.class)))
			.and(not(annotatedWith(SpringBootApplication.class)))
			.and(not(simpleNameEndingWith("Properties")))
			.and(not(boundByAPropertiesClass()))
			.and(not(namedIn(classNamesInResources(),
					"named in spring.factories, an .imports file or the Logback configuration")))
			.should(beUsedByAnotherPackage())
			.because("a type only its own package uses is package-private: only the API is public");
		rule.check(classes);
	}

	/**
	 * @return the classes the resources name, which Spring, Boot or Logback load by name:
	 * {@code spring.factories}, the {@code .imports} files and the Logback configuration
	 */
	private static Set<String> classNamesInResources() throws IOException {
		Set<String> names = new HashSet<>();
		Pattern className = Pattern.compile("io\\.tcpgateway(\\.[A-Za-z_$][\\w$]*)+");
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (String pattern : List.of("classpath*:META-INF/spring.factories", "classpath*:META-INF/spring/*.imports",
				"classpath*:io/tcpgateway/**/*.xml")) {
			for (Resource resource : resolver.getResources(pattern)) {
				Matcher matcher = className.matcher(resource.getContentAsString(StandardCharsets.UTF_8));
				while (matcher.find()) {
					names.add(matcher.group());
				}
			}
		}
		return names;
	}

	private static DescribedPredicate<JavaClass> namedIn(Set<String> names, String description) {
		return DescribedPredicate.describe(description, (javaClass) -> names.contains(javaClass.getName()));
	}

	/**
	 * @return the types of properties, such as the enums a {@code *Properties} class
	 * binds, which the binder and the configuration metadata need public
	 */
	private static DescribedPredicate<JavaClass> boundByAPropertiesClass() {
		return DescribedPredicate.describe("bound by a properties class",
				(javaClass) -> javaClass.getDirectDependenciesToSelf()
					.stream()
					.map((dependency) -> topLevel(dependency.getOriginClass()))
					.anyMatch((origin) -> origin.getSimpleName().endsWith("Properties")));
	}

	private static JavaClass topLevel(JavaClass javaClass) {
		return javaClass.getEnclosingClass().map(ArchitectureTests::topLevel).orElse(javaClass);
	}

	private static ArchCondition<JavaClass> beUsedByAnotherPackage() {
		return new ArchCondition<>("be used by another package of the gateway") {
			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				boolean used = javaClass.getDirectDependenciesToSelf()
					.stream()
					.anyMatch((dependency) -> !dependency.getOriginClass()
						.getPackageName()
						.equals(javaClass.getPackageName()));
				if (!used) {
					events.add(SimpleConditionEvent.violated(javaClass,
							javaClass.getName() + " is public but no other package uses it"));
				}
			}
		};
	}

	/**
	 * @return classes annotated {@code @AutoConfiguration}, and the configuration classes
	 * nested in them
	 */
	private static DescribedPredicate<JavaClass> autoConfigurationOrMember() {
		return DescribedPredicate.describe("auto-configurations and their member classes",
				(javaClass) -> javaClass.isAnnotatedWith(AutoConfiguration.class) || javaClass.getEnclosingClass()
					.map((enclosing) -> enclosing.isAnnotatedWith(AutoConfiguration.class))
					.orElse(false));
	}

}
