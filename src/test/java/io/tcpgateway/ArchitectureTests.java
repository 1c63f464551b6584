package io.tcpgateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure of the gateway's own (main) classes: no package cycles, a
 * Spring-free core, and the configuration properties kept to the composition root.
 */
class ArchitectureTests {

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
			.and()
			.areNotAnnotatedWith(AutoConfiguration.class)
			.should()
			.dependOnClassesThat(resideInAPackage("io.tcpgateway.server").and(simpleNameEndingWith("Properties")))
			.because("runtime classes are given the settings they need, never the properties type");
		rule.check(classes);
	}

}
