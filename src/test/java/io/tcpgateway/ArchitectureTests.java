package io.tcpgateway;

import java.util.Arrays;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure of the gateway's own (main) classes: no package cycles, a
 * Spring-free core, a core that knows no feature, features that know no other feature,
 * and the configuration properties kept to the composition root and each room's
 * auto-configuration.
 */
class ArchitectureTests {

	/** The core: what every gateway runs. */
	private static final String[] CORE = { "io.tcpgateway.connection..", "io.tcpgateway.framing..",
			"io.tcpgateway.tls..", "io.tcpgateway.proxy..", "io.tcpgateway.limits..", "io.tcpgateway.flow..",
			"io.tcpgateway.handler..", "io.tcpgateway.server..", "io.tcpgateway.logging.." };

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
