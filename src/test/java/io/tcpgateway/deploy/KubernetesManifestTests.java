package io.tcpgateway.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.server.TcpGatewayProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests parse, their ports, probes and grace period agree with the
 * gateway's configuration, the admin password comes from a Secret and a NetworkPolicy
 * keeps the management port to the scraper and the nodes.
 */
class KubernetesManifestTests {

	private static final Path DIR = Path.of("deploy/kubernetes");

	@Test
	@SuppressWarnings("unchecked")
	void manifestsAgreeWithTheGatewaysConfiguration() throws IOException {
		Map<String, Object> configMap = load("configmap.yaml");
		Map<String, Object> applicationYml = new Yaml()
			.load((String) ((Map<String, Object>) configMap.get("data")).get("application.yml"));
		Map<String, Object> gateway = (Map<String, Object>) applicationYml.get("tcp-gateway");
		int tcpPort = (Integer) gateway.get("port");
		int managementPort = (Integer) ((Map<String, Object>) ((Map<String, Object>) applicationYml.get("management"))
			.get("server")).get("port");
		Duration grace = DurationStyle
			.detectAndParse((String) ((Map<String, Object>) gateway.get("shutdown")).get("grace-period"));
		assertThat(tcpPort).isEqualTo(new TcpGatewayProperties().getPort());

		Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) load(
				"deployment.yaml")
			.get("spec")).get("template")).get("spec");
		assertThat(((Integer) podSpec.get("terminationGracePeriodSeconds")).longValue())
			.isGreaterThan(grace.toSeconds());
		Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
		Map<String, Integer> ports = new HashMap<>();
		for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
			ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
		}
		assertThat(ports).containsEntry("tcp", tcpPort).containsEntry("management", managementPort);
		assertThat((List<Map<String, Object>>) container.get("env")).anySatisfy((variable) -> assertThat(variable)
			.containsEntry("name", "JAVA_TOOL_OPTIONS")
			.hasEntrySatisfying("value", (value) -> assertThat((String) value).contains("-XX:+ExitOnOutOfMemoryError")
				.contains("-XX:MaxRAMPercentage=")));
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("-XX:+ExitOnOutOfMemoryError")
			.contains("-XX:MaxRAMPercentage=");
		assertThat(probe(container, "readinessProbe")).containsEntry("path", "/actuator/health/readiness")
			.containsEntry("port", "management");
		assertThat(probe(container, "livenessProbe")).containsEntry("path", "/actuator/health/liveness")
			.containsEntry("port", "management");

		Map<String, Object> serviceSpec = (Map<String, Object>) load("service.yaml").get("spec");
		assertThat(serviceSpec).containsEntry("type", "LoadBalancer");
		Map<String, Object> servicePort = ((List<Map<String, Object>>) serviceSpec.get("ports")).get(0);
		assertThat(servicePort).containsEntry("port", tcpPort).containsEntry("targetPort", "tcp");
		// a Service named tcp-gateway gives its pods TCP_GATEWAY_PORT=tcp://...: unless
		// service links are off, Spring Boot binds that to tcp-gateway.port and fails
		String serviceName = (String) ((Map<String, Object>) load("service.yaml").get("metadata")).get("name");
		if (serviceName.equals("tcp-gateway")) {
			assertThat(podSpec).containsEntry("enableServiceLinks", false);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theAdminPasswordComesFromASecret() throws IOException {
		Map<String, Object> secret = load("secret.yaml");
		assertThat(secret).containsEntry("kind", "Secret");
		String secretName = (String) ((Map<String, Object>) secret.get("metadata")).get("name");
		assertThat((Map<String, Object>) secret.get("stringData")).containsKeys("username", "password");
		// an empty password leaves the admin operations closed, never open
		assertThat(((Map<String, Object>) secret.get("stringData")).get("password")).isEqualTo("");

		List<Map<String, Object>> env = (List<Map<String, Object>>) container().get("env");
		assertThat(env)
			.anySatisfy((variable) -> assertThat(variable).containsEntry("name", "SPRING_SECURITY_USER_PASSWORD")
				.extractingByKey("valueFrom")
				.isEqualTo(Map.of("secretKeyRef", Map.of("name", secretName, "key", "password"))));
		assertThat(env).anySatisfy((variable) -> assertThat(variable).containsEntry("name", "SPRING_SECURITY_USER_NAME")
			.extractingByKey("valueFrom")
			.isEqualTo(Map.of("secretKeyRef", Map.of("name", secretName, "key", "username"))));
		assertThat(env)
			.anySatisfy((variable) -> assertThat(variable).containsEntry("name", "SPRING_SECURITY_USER_ROLES")
				.containsEntry("value", "TCP_GATEWAY_ADMIN"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theNetworkPolicyOpensTheTcpPortAndTheManagementPortOnlyToTheScraperAndTheNodes() throws IOException {
		Map<String, Object> policy = load("networkpolicy.yaml");
		assertThat(policy).containsEntry("kind", "NetworkPolicy");
		Map<String, Object> spec = (Map<String, Object>) policy.get("spec");
		assertThat((Map<String, Object>) spec.get("podSelector")).isEqualTo(Map.of("matchLabels",
				((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) load("deployment.yaml")
					.get("spec")).get("selector"))).get("matchLabels")));
		assertThat((List<String>) spec.get("policyTypes")).containsExactly("Ingress");
		List<Map<String, Object>> rules = (List<Map<String, Object>>) spec.get("ingress");
		assertThat(rules).hasSize(2);

		Map<String, Object> tcp = rules.stream()
			.filter((rule) -> portsOf(rule).contains("tcp"))
			.findFirst()
			.orElseThrow();
		assertThat(tcp).as("the TCP port admits every client").doesNotContainKey("from");
		assertThat(portsOf(tcp)).containsExactly("tcp");

		Map<String, Object> management = rules.stream()
			.filter((rule) -> portsOf(rule).contains("management"))
			.findFirst()
			.orElseThrow();
		assertThat(portsOf(management)).containsExactly("management");
		List<Map<String, Object>> from = (List<Map<String, Object>>) management.get("from");
		assertThat(from).hasSize(2);
		assertThat(from).anySatisfy((peer) -> assertThat(peer).containsKeys("namespaceSelector", "podSelector"));
		assertThat(from).anySatisfy((peer) -> assertThat(peer).containsOnlyKeys("ipBlock"));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> portsOf(Map<String, Object> rule) {
		return ((List<Map<String, Object>>) rule.get("ports")).stream().map((port) -> port.get("port")).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> container() throws IOException {
		Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) load(
				"deployment.yaml")
			.get("spec")).get("template")).get("spec");
		return ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> probe(Map<String, Object> container, String name) {
		return (Map<String, Object>) ((Map<String, Object>) container.get(name)).get("httpGet");
	}

	private static Map<String, Object> load(String file) throws IOException {
		try (Reader reader = Files.newBufferedReader(DIR.resolve(file))) {
			return new Yaml().load(reader);
		}
	}

}
